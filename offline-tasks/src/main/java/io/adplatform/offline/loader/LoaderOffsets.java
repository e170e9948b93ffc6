package io.adplatform.offline.loader;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The loader's position per partition in MariaDB ({@code loader_offsets}): the next offset to load and, while an
 * insert is under way, its exact range. Fenced by an epoch of our own: each claim of a partition raises it, and every
 * later write of a consumer requires the epoch its claim got, so a consumer that lost the partition (to a rebalance,
 * or after it stalled) changes nothing. Kafka's group generation is not used: it restarts at 1 when an empty group
 * expires, and the loader commits nothing to Kafka.
 */
class LoaderOffsets {

    /** Where a partition stands for the consumer that claimed it at {@code epoch}. */
    record Position(long epoch, long next, Long pendingFrom, Long pendingTo) {
        boolean pending() {
            return pendingFrom != null;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String group;

    LoaderOffsets(JdbcClient jdbc, TransactionTemplate tx, String group) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.group = group;
    }

    /** Takes the partition (offset 0 for a partition never loaded) and answers where it stands. */
    Position claim(TopicPartition tp) {
        return tx.execute(status -> {
            jdbc.sql("""
                    INSERT INTO loader_offsets (consumer_group, topic, partition_id, next_offset, owner_epoch)
                    VALUES (?, ?, ?, 0, 0) ON DUPLICATE KEY UPDATE owner_epoch = owner_epoch""")
                    .params(group, tp.topic(), tp.partition()).update();
            Position before = jdbc.sql("""
                    SELECT owner_epoch, next_offset, pending_from, pending_to FROM loader_offsets
                    WHERE consumer_group = ? AND topic = ? AND partition_id = ? FOR UPDATE""")
                    .params(group, tp.topic(), tp.partition())
                    .query((rs, n) -> new Position(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class),
                            (Long) rs.getObject(4, Long.class)))
                    .single();
            jdbc.sql("UPDATE loader_offsets SET owner_epoch = ? WHERE consumer_group = ? AND topic = ? AND partition_id = ?")
                    .params(before.epoch() + 1, group, tp.topic(), tp.partition()).update();
            return new Position(before.epoch() + 1, before.next(), before.pendingFrom(), before.pendingTo());
        });
    }

    /** Records the range about to be inserted; false when another consumer claimed the partition since. */
    boolean begin(TopicPartition tp, long epoch, long from, long to) {
        return jdbc.sql("""
                UPDATE loader_offsets SET pending_from = ?, pending_to = ?
                WHERE consumer_group = ? AND topic = ? AND partition_id = ? AND owner_epoch = ?""")
                .params(from, to, group, tp.topic(), tp.partition(), epoch).update() == 1;
    }

    /** The range up to {@code next - 1} is in ClickHouse (or held no rows); false when fenced. */
    boolean complete(TopicPartition tp, long epoch, long next) {
        return jdbc.sql("""
                UPDATE loader_offsets SET next_offset = ?, pending_from = NULL, pending_to = NULL
                WHERE consumer_group = ? AND topic = ? AND partition_id = ? AND owner_epoch = ?""")
                .params(next, group, tp.topic(), tp.partition(), epoch).update() == 1;
    }
}
