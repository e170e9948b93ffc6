package io.adplatform.ingestion.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code POST /v1/events}: limits, time window, dedup and the wait for Kafka.
 *
 * @param maxBodySize       larger bodies are refused with 413 before they are parsed
 * @param maxEvents         more events in one request → 413
 * @param maxFutureSkew     how far in the future {@code occurredAt} may be (device clocks drift)
 * @param maxAge            how old {@code occurredAt} may be (SDKs buffer offline; partners drop old events anyway)
 * @param produceTimeout    how long a request waits for Kafka to acknowledge its events before answering 503
 * @param dedupKeyPrefix    Redis key prefix of the "event id seen" keys ({@code <prefix><appId>:<eventId>})
 * @param dedupTtl          how long a seen event id is remembered (an SDK's retries must fall inside it)
 * @param dedupPendingTtl   lifetime of the claim while a request waits for Kafka; if the instance dies meanwhile, the
 *                          claim expires and the SDK's retry succeeds
 * @param trustedProxies    CIDR ranges of our own proxies/load balancers, whose X-Forwarded-For entries are believed
 */
@Validated
@ConfigurationProperties("adplatform.ingestion.events")
public record EventsProperties(
        @NotNull DataSize maxBodySize,
        @Min(1) @Max(10_000) int maxEvents,
        @NotNull Duration maxFutureSkew,
        @NotNull Duration maxAge,
        @NotNull Duration produceTimeout,
        @NotBlank String dedupKeyPrefix,
        @NotNull Duration dedupTtl,
        @NotNull Duration dedupPendingTtl,
        @NotNull List<String> trustedProxies) {

    /** Loopback and the private ranges (RFC 1918, RFC 4193): where a cluster's load balancers live. */
    public static final List<String> DEFAULT_TRUSTED_PROXIES =
            List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    public EventsProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(512) : maxBodySize;
        maxEvents = maxEvents == 0 ? 500 : maxEvents;
        maxFutureSkew = maxFutureSkew == null ? Duration.ofMinutes(10) : maxFutureSkew;
        maxAge = maxAge == null ? Duration.ofDays(30) : maxAge;
        produceTimeout = produceTimeout == null ? Duration.ofSeconds(10) : produceTimeout;
        dedupKeyPrefix = dedupKeyPrefix == null ? "ing:seen:" : dedupKeyPrefix;
        dedupTtl = dedupTtl == null ? Duration.ofDays(7) : dedupTtl;
        dedupPendingTtl = dedupPendingTtl == null ? Duration.ofMinutes(2) : dedupPendingTtl;
        trustedProxies = trustedProxies == null ? DEFAULT_TRUSTED_PROXIES : List.copyOf(trustedProxies);
        if (dedupPendingTtl.compareTo(produceTimeout) <= 0) {
            // otherwise a claim could expire while its request still waits, letting a retry write the event twice
            throw new IllegalArgumentException("dedup-pending-ttl must be longer than produce-timeout");
        }
    }
}
