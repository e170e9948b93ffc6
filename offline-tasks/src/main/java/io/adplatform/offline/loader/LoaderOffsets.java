package io.adplatform.offline.loader;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The loader's position per partition in MariaDB ({@code loader_offsets}): the next offset to load and, while an
 * insert is under way, its exact range. Every write is fenced by the consumer group's generation: a consumer that lost
 * the partition to a newer generation changes nothing.
 */
class LoaderOffsets {

    /** Where a partition stands: load from {@code next}, or first re-insert exactly {@code pendingFrom..pendingTo}. */
    record Position(long next, Long pendingFrom, Long pendingTo) {
        boolean pending() {
            return pendingFrom != null;
        }
    }

    private final JdbcClient jdbc;
    private final String group;

    LoaderOffsets(JdbcClient jdbc, String group) {
        this.jdbc = jdbc;
        this.group = group;
    }

    /**
     * Takes the partition for {@code generation} and answers where it stands (offset 0 for a partition never loaded);
     * empty when a newer generation holds it already.
     */
    Optional<Position> claim(TopicPartition tp, int generation) {
        jdbc.sql("""
                INSERT INTO loader_offsets (consumer_group, topic, partition_id, next_offset, owner_generation)
                VALUES (?, ?, ?, 0, ?)
                ON DUPLICATE KEY UPDATE owner_generation = IF(owner_generation <= VALUES(owner_generation),
                    VALUES(owner_generation), owner_generation)""")
                .params(group, tp.topic(), tp.partition(), generation).update();
        return jdbc.sql("""
                SELECT next_offset, pending_from, pending_to FROM loader_offsets
                WHERE consumer_group = ? AND topic = ? AND partition_id = ? AND owner_generation = ?""")
                .params(group, tp.topic(), tp.partition(), generation)
                .query((rs, n) -> new Position(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                        (Long) rs.getObject(3, Long.class)))
                .optional();
    }

    /** Records the range about to be inserted; false when fenced. */
    boolean begin(TopicPartition tp, int generation, long from, long to) {
        return jdbc.sql("""
                UPDATE loader_offsets SET pending_from = ?, pending_to = ?, owner_generation = ?
                WHERE consumer_group = ? AND topic = ? AND partition_id = ? AND owner_generation <= ?""")
                .params(from, to, generation, group, tp.topic(), tp.partition(), generation).update() == 1;
    }

    /** The range up to {@code next - 1} is in ClickHouse (or held no rows); false when fenced. */
    boolean complete(TopicPartition tp, int generation, long next) {
        return jdbc.sql("""
                UPDATE loader_offsets SET next_offset = ?, pending_from = NULL, pending_to = NULL, owner_generation = ?
                WHERE consumer_group = ? AND topic = ? AND partition_id = ? AND owner_generation <= ?""")
                .params(next, generation, group, tp.topic(), tp.partition(), generation).update() == 1;
    }
}
