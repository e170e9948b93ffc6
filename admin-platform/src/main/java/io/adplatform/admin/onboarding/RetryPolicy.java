package io.adplatform.admin.onboarding;

import java.time.Duration;

/**
 * How a failing step is retried: {@code maxAttempts} attempts, waiting {@code initialBackoff} after the first failure,
 * doubling up to {@code maxBackoff}; a running attempt holds its step for {@code lease}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: initial × 2^(attempts−1), capped. */
    public Duration backoffAfter(int attempts) {
        int shift = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = initialBackoff.multipliedBy(1L << shift);
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }
}
