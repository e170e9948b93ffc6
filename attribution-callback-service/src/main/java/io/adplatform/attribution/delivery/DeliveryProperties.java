package io.adplatform.attribution.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.attribution.delivery.*}: consuming, claiming, retrying.
 *
 * @param groupId          consumer group of the {@code attribution-events} listener
 * @param retryGroupId     consumer group of the retry-tier consumer
 * @param concurrency      listener threads on {@code attribution-events} (useful up to its partition count)
 * @param maxPollRecords   events per poll; each poll is claimed, sent and recorded as one batch
 * @param lease            how long a claim holds a row; must exceed 2 x request timeout + rate-limit wait + 5 s (checked
 *                         at start-up). A row whose worker died is taken over after this
 * @param topicPartitions  partitions for the topics this service creates (results, dead letter, retry tiers)
 * @param topicReplicas    replication factor for them
 * @param connectTimeout   HTTP connect timeout towards partners
 * @param httpVersion      HTTP_2 (negotiated over TLS, falls back) or HTTP_1_1
 * @param backoff          retry backoff
 */
@Validated
@ConfigurationProperties("adplatform.attribution.delivery")
public record DeliveryProperties(@NotBlank String groupId, @NotBlank String retryGroupId, @Min(1) @Max(64) Integer concurrency,
                                 @Min(1) @Max(5000) Integer maxPollRecords, Duration lease, @Min(1) Integer topicPartitions,
                                 @Min(1) Short topicReplicas, Duration connectTimeout, HttpClient.Version httpVersion,
                                 @Valid Backoff backoff) {

    /**
     * @param initial    first retry delay
     * @param max        largest delay the exponent reaches
     * @param multiplier growth per attempt
     * @param jitter     ± fraction of randomness, 0 to 1
     */
    public record Backoff(Duration initial, Duration max, Double multiplier, Double jitter) {

        public Backoff {
            initial = initial == null ? Duration.ofMillis(100) : initial;
            max = max == null ? Duration.ofSeconds(10) : max;
            multiplier = multiplier == null ? 1.5 : multiplier;
            jitter = jitter == null ? 0.5 : jitter;
        }

        public RetryPolicy policy() {
            return new RetryPolicy(initial, max, multiplier, jitter);
        }
    }

    public DeliveryProperties {
        groupId = groupId == null ? "attribution-callback" : groupId;
        retryGroupId = retryGroupId == null ? "attribution-callback-retry" : retryGroupId;
        concurrency = concurrency == null ? 2 : concurrency;
        maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        topicPartitions = topicPartitions == null ? 3 : topicPartitions;
        topicReplicas = topicReplicas == null ? 1 : topicReplicas;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        httpVersion = httpVersion == null ? HttpClient.Version.HTTP_2 : httpVersion;
        backoff = backoff == null ? new Backoff(null, null, null, null) : backoff;
    }
}
