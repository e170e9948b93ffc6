package io.adplatform.dplink.replacement;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.dplink.replacement.*}: the replacement worker.
 *
 * @param groupId          consumer group of the workers
 * @param concurrency      worker threads (tasks of one ad are always handled in order by one of them)
 * @param topicPartitions  partitions of {@code dplink-replacements} when this service creates it
 * @param parkRetryInitial when a parked task is tried again first; doubling up to {@code parkRetryMax}
 * @param indexSyncInterval how often the counters' view of the serving links is checked against the database
 * @param instanceId       who this worker is in the swap history; default host name and process id
 * @param reserveMargin    the learnt late-click reserve is the late reports observed times this (default 1.25)
 */
@Validated
@ConfigurationProperties("adplatform.dplink.replacement")
public record ReplacementProperties(String groupId, @Min(1) Integer concurrency, @Min(1) Integer topicPartitions,
                                    Duration parkRetryInitial, Duration parkRetryMax, Duration indexSyncInterval,
                                    String instanceId, Double reserveMargin) {

    public ReplacementProperties {
        groupId = groupId == null ? "dplink-replacer" : groupId;
        concurrency = concurrency == null ? 2 : concurrency;
        topicPartitions = topicPartitions == null ? 6 : topicPartitions;
        parkRetryInitial = parkRetryInitial == null ? Duration.ofSeconds(30) : parkRetryInitial;
        parkRetryMax = parkRetryMax == null ? Duration.ofMinutes(10) : parkRetryMax;
        indexSyncInterval = indexSyncInterval == null ? Duration.ofSeconds(30) : indexSyncInterval;
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
        reserveMargin = reserveMargin == null ? io.adplatform.dplink.pool.PoolSettings.DEFAULT_RESERVE_MARGIN : reserveMargin;
        if (reserveMargin < 1) {
            throw new IllegalArgumentException("adplatform.dplink.replacement.reserve-margin must be at least 1");
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ':' + ProcessHandle.current().pid();
    }
}
