package io.adplatform.offline.loader;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.loader}: the consumer that loads every event stream into ClickHouse.
 *
 * @param enabled        false leaves the loader off (an instance that only answers dashboards or runs jobs)
 * @param groupId        the Kafka consumer group; also the key of the loader's offsets in MariaDB
 * @param topics         the topics to load (default: all of them, see {@link StreamTables})
 * @param consumers      consumer threads per instance, each with its own share of the partitions
 * @param batchRows      a partition's batch is inserted when it holds this many rows...
 * @param batchBytes     ...or this many bytes...
 * @param batchDelay     ...or when its first record waited this long
 * @param bufferBytes    all partitions' batches together stay under this: past it, the biggest batch is inserted
 * @param maxPollRecords records per poll
 * @param retryBackoff   first wait after a failed insert (doubles up to {@code retryBackoffMax}); the partitions are
 *                       paused meanwhile and nothing is skipped
 * @param retryBackoffMax longest wait between insert attempts
 */
@Validated
@ConfigurationProperties("adplatform.loader")
public record LoaderProperties(Boolean enabled, String groupId, List<String> topics, @Min(1) Integer consumers,
                               @Min(1) Integer batchRows, @Min(1024) Long batchBytes, Duration batchDelay, @Min(1024) Long bufferBytes,
                               @Min(1) Integer maxPollRecords, Duration retryBackoff, Duration retryBackoffMax) {

    public LoaderProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null ? "offline-tasks-loader" : groupId;
        topics = topics == null || topics.isEmpty() ? StreamTables.TOPICS : List.copyOf(topics);
        consumers = consumers == null ? 1 : consumers;
        batchRows = batchRows == null ? 100_000 : batchRows;
        batchBytes = batchBytes == null ? 32L << 20 : batchBytes;
        bufferBytes = bufferBytes == null ? 96L << 20 : bufferBytes;
        batchDelay = batchDelay == null ? Duration.ofSeconds(2) : batchDelay;
        maxPollRecords = maxPollRecords == null ? 20_000 : maxPollRecords;
        retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
        retryBackoffMax = retryBackoffMax == null ? Duration.ofSeconds(30) : retryBackoffMax;
    }
}
