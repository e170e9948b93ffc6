package io.adplatform.ingestion.router;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The router: {@code sdk-events} → new-device check + attribution → {@code attribution-events}, in Kafka transactions.
 *
 * @param enabled               false runs the HTTP side alone (e.g. to benchmark it)
 * @param groupId               consumer group
 * @param transactionIdPrefix   prefix of the transactional producer ids; must differ between running instances (with
 *                              EOS v2 fencing is by consumer group, so a fresh one per start is fine); default
 *                              {@code ingestion-router-<host>-<random>-}
 * @param concurrency           consumer threads (each owns some partitions and its own transactional producer)
 * @param maxPollRecords        events per poll = per transaction = per new-device call
 * @param newDeviceBaseUrl      new-device-service's base URL
 * @param connectTimeout        new-device-service connect timeout
 * @param readTimeout           new-device-service answer timeout
 * @param attributionKeyPrefix  Redis key prefix of devices' install attribution ({@code <prefix><appId>:<deviceKey>})
 * @param attributionTtl        how long a device's install attribution is kept for its later events
 * @param retryInitial          first pause before a failed batch is processed again
 * @param retryMax              longest pause between attempts (attempts never stop: a batch is never skipped)
 */
@Validated
@ConfigurationProperties("adplatform.ingestion.router")
public record RouterProperties(
        Boolean enabled,
        @NotBlank String groupId,
        @NotBlank String transactionIdPrefix,
        @Min(1) @Max(64) int concurrency,
        @Min(1) @Max(10_000) int maxPollRecords,
        @NotBlank String newDeviceBaseUrl,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout,
        @NotBlank String attributionKeyPrefix,
        @NotNull Duration attributionTtl,
        @NotNull Duration retryInitial,
        @NotNull Duration retryMax) {

    public RouterProperties {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        groupId = groupId == null ? "ingestion-router" : groupId;
        transactionIdPrefix = transactionIdPrefix == null ? defaultTransactionIdPrefix() : transactionIdPrefix;
        concurrency = concurrency == 0 ? 1 : concurrency;
        maxPollRecords = maxPollRecords == 0 ? 500 : maxPollRecords;
        newDeviceBaseUrl = newDeviceBaseUrl == null ? "http://127.0.0.1:8082" : newDeviceBaseUrl;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        attributionKeyPrefix = attributionKeyPrefix == null ? "ing:attr:" : attributionKeyPrefix;
        attributionTtl = attributionTtl == null ? Duration.ofDays(90) : attributionTtl;
        retryInitial = retryInitial == null ? Duration.ofMillis(200) : retryInitial;
        retryMax = retryMax == null ? Duration.ofSeconds(10) : retryMax;
    }

    private static String defaultTransactionIdPrefix() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        return "ingestion-router-" + host + "-" + java.util.HexFormat.of().toHexDigits((short) new java.util.Random().nextInt()) + "-";
    }
}
