package io.adplatform.attribution.delivery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Per-partner limits, nested in each partner's properties ({@code adplatform.attribution.<partner>.resilience.*}).
 *
 * @param rateLimitPerSecond   requests per second we allow ourselves towards the partner
 * @param rateLimitMaxWait     how long a request may wait for a permit; beyond that it is deferred to the retry queue
 * @param requestTimeout       per-request timeout (a timeout counts as a retryable transport error)
 * @param failureRateThreshold percent of failed calls (5xx, transport errors) that opens the circuit
 * @param slidingWindowSize    calls the failure rate is computed over
 * @param minimumCalls         calls needed before the circuit may open
 * @param waitInOpenState      how long the circuit stays open before letting trial calls through
 * @param maxConcurrentCalls   calls in flight to the partner at once; more wait in a queue (no thread blocks). Bounds
 *                             connections and keeps a burst from turning into timeouts (and, for AppsFlyer, duplicates)
 */
public record PartnerResilience(@Min(1) Integer rateLimitPerSecond, Duration rateLimitMaxWait, Duration requestTimeout,
                                @DecimalMin("1") @DecimalMax("100") Float failureRateThreshold,
                                @Min(1) Integer slidingWindowSize, @Min(1) Integer minimumCalls,
                                Duration waitInOpenState, @Min(1) Integer maxConcurrentCalls) {

    public PartnerResilience {
        rateLimitPerSecond = rateLimitPerSecond == null ? 1000 : rateLimitPerSecond;
        rateLimitMaxWait = rateLimitMaxWait == null ? Duration.ofSeconds(5) : rateLimitMaxWait;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
        slidingWindowSize = slidingWindowSize == null ? 100 : slidingWindowSize;
        minimumCalls = minimumCalls == null ? 20 : minimumCalls;
        waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(30) : waitInOpenState;
        maxConcurrentCalls = maxConcurrentCalls == null ? 200 : maxConcurrentCalls;
    }

    public static PartnerResilience defaults() {
        return new PartnerResilience(null, null, null, null, null, null, null, null);
    }
}
