package io.adplatform.ingestion.clicks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Click reports ({@code GET /v1/track/click}, {@code POST /v1/track/clicks}): the click-time window, the bounds on one
 * request's work, and the wait for Kafka.
 *
 * @param maxAge          how old a click may be when reported (DSPs report late, and retry); older → 400 naming the time
 * @param maxFutureSkew   how far in the future a click time may be (the DSP's clock drifts)
 * @param maxBatch        clicks per {@code POST /v1/track/clicks}; more → 413
 * @param maxBodySize     larger batch bodies are refused with 413 before they are parsed
 * @param maxQueryLength  longer query strings on {@code GET /v1/track/click} are refused with 414 before they are parsed
 * @param produceTimeout  how long a request waits for Kafka to acknowledge its clicks before answering 503
 */
@Validated
@ConfigurationProperties("adplatform.ingestion.clicks")
public record ClicksProperties(
        @NotNull Duration maxAge,
        @NotNull Duration maxFutureSkew,
        @Min(1) @Max(10_000) int maxBatch,
        @NotNull DataSize maxBodySize,
        @Min(256) int maxQueryLength,
        @NotNull Duration produceTimeout) {

    public ClicksProperties {
        maxAge = maxAge == null ? Duration.ofDays(7) : maxAge;
        maxFutureSkew = maxFutureSkew == null ? Duration.ofMinutes(5) : maxFutureSkew;
        maxBatch = maxBatch == 0 ? 1000 : maxBatch;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(2) : maxBodySize;
        maxQueryLength = maxQueryLength == 0 ? 4096 : maxQueryLength;
        produceTimeout = produceTimeout == null ? Duration.ofSeconds(5) : produceTimeout;
    }
}
