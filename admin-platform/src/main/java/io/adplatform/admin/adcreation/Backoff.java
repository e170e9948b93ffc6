package io.adplatform.admin.adcreation;

import java.time.Duration;

/** The wait before another try of an object after a transient failure: {@code initial × 2^(attempts − 1)}, capped. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int attempts) {
        int exp = Math.max(0, Math.min(attempts - 1, 20));
        Duration d = initial.multipliedBy(1L << exp);
        return d.compareTo(max) > 0 ? max : d;
    }
}
