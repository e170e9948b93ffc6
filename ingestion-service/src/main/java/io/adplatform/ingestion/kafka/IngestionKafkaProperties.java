package io.adplatform.ingestion.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Topic set-up and producer tuning (the broker address is Spring Boot's {@code spring.kafka.bootstrap-servers}).
 *
 * @param createTopics      create {@code sdk-events}, {@code attribution-events} and {@code tracking-clicks} at start-up
 *                          when missing
 * @param partitions        partitions of those topics when created here
 * @param replicationFactor their replication factor when created here (3 in production)
 * @param lingerMs          how long the producer waits to fill a batch. 1 ms: a request's events arrive together
 *                          anyway, and the HTTP thread waits for the acknowledgement, so a longer linger is added
 *                          to every request's latency (measured: p50 6.7 → 3.4 ms at 20k events/s, see
 *                          docs/performance-ingestion.md)
 * @param batchSize         producer batch size in bytes, per partition
 * @param compression       producer compression: none, gzip, snappy, zstd (lz4 is not on the classpath)
 * @param trackingClicksPartitions partitions of {@code tracking-clicks} when created here; unset = {@code partitions}.
 *                          Its consumer counts per link id (the key), so this bounds how many instances share that work
 */
@Validated
@ConfigurationProperties("adplatform.ingestion.kafka")
public record IngestionKafkaProperties(Boolean createTopics, @Min(1) int partitions, @Min(1) short replicationFactor,
                                       @Min(0) Integer lingerMs, @Min(1024) int batchSize, @NotBlank String compression,
                                       @Min(1) Integer trackingClicksPartitions) {

    public IngestionKafkaProperties {
        createTopics = createTopics == null ? Boolean.TRUE : createTopics;
        partitions = partitions == 0 ? 6 : partitions;
        replicationFactor = replicationFactor == 0 ? 1 : replicationFactor;
        batchSize = batchSize == 0 ? 131_072 : batchSize;
        lingerMs = lingerMs == null ? 1 : lingerMs;
        compression = compression == null ? "none" : compression;
        trackingClicksPartitions = trackingClicksPartitions == null ? Integer.valueOf(partitions) : trackingClicksPartitions;
    }
}
