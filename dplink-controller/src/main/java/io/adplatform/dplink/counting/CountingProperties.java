package io.adplatform.dplink.counting;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.dplink.counting.*}: how click reports are counted.
 *
 * @param keyPrefix        prefix of every Redis key of the service
 * @param dedup            drop a report whose (source, click id) was counted within {@code dedupWindow}; off by default
 *                         (costs one Redis key per click for the window, ≈ 150 B each)
 * @param dedupWindow      how long a click id is remembered
 * @param groupId          consumer group of the counters
 * @param concurrency      consumer threads
 * @param maxPollRecords   records per poll; one Redis script call per partition per poll
 * @param topicPartitions  partitions of {@code tracking-clicks} when this service creates it
 * @param configCacheTtl   how long an ad's caps and round size are used from the local cache before re-reading them
 * @param triggerHold      a round's end raises one replacement task; if the rotation has not moved on after this long
 *                         (worker down, task parked), the next click raises it again
 */
@Validated
@ConfigurationProperties("adplatform.dplink.counting")
public record CountingProperties(String keyPrefix, Boolean dedup, Duration dedupWindow, String groupId,
                                 @Min(1) Integer concurrency, @Min(1) Integer maxPollRecords,
                                 @Min(1) Integer topicPartitions, Duration configCacheTtl, Duration triggerHold) {

    public CountingProperties {
        keyPrefix = keyPrefix == null ? "dpl:" : keyPrefix;
        dedup = dedup != null && dedup;
        dedupWindow = dedupWindow == null ? Duration.ofMinutes(30) : dedupWindow;
        groupId = groupId == null ? "dplink-counter" : groupId;
        concurrency = concurrency == null ? 2 : concurrency;
        maxPollRecords = maxPollRecords == null ? 2000 : maxPollRecords;
        topicPartitions = topicPartitions == null ? 6 : topicPartitions;
        configCacheTtl = configCacheTtl == null ? Duration.ofSeconds(2) : configCacheTtl;
        triggerHold = triggerHold == null ? Duration.ofSeconds(30) : triggerHold;
    }
}
