package io.adplatform.attribution.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: {@code initial × multiplier^(attempt-1)}, capped at {@code max}, then spread by
 * ±{@code jitter} so retries of a burst do not come back as a burst. A partner's own "wait this long" wins when longer.
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter) {

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || multiplier < 1 || jitter < 0
                || jitter >= 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, multiplier >= 1, 0 <= jitter < 1");
        }
    }

    /**
     * @param attempts   attempts made so far (1 after the first failure)
     * @param retryAfter what the partner asked for, or null
     * @param random     uniform in [0, 1)
     */
    public Duration delay(int attempts, Duration retryAfter, DoubleSupplier random) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        base = Math.min(base, max.toMillis());
        long millis = Math.max(1, Math.round(base * (1 + jitter * (2 * random.getAsDouble() - 1))));
        Duration computed = Duration.ofMillis(millis);
        if (retryAfter != null && retryAfter.compareTo(computed) > 0) {
            // Spread the partner's own wait a little too, so a whole throttled batch does not return at one instant.
            return retryAfter.plusMillis(Math.round(retryAfter.toMillis() * 0.1 * random.getAsDouble()));
        }
        return computed;
    }
}
