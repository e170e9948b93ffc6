package io.adplatform.offline.reports;

import java.time.Duration;

/**
 * How long a throttled account rests: {@code initial} × 2^(throttles − 1), capped at {@code max}; a longer wait the
 * media announced ("regain access in") wins.
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int consecutiveThrottles, Duration announced) {
        int exponent = Math.max(0, Math.min(consecutiveThrottles - 1, 30));
        Duration exp = initial.multipliedBy(1L << exponent);
        if (exp.compareTo(max) > 0 || exp.isNegative()) {
            exp = max;
        }
        return announced != null && announced.compareTo(exp) > 0 ? announced : exp;
    }
}
