package io.adplatform.admin.adcreation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which ad accounts rest after throttling, and until when (shared by every batch using the account). */
public final class AccountRest {

    private final Clock clock;
    private final Map<Long, Instant> until = new ConcurrentHashMap<>();

    public AccountRest(Clock clock) {
        this.clock = clock;
    }

    public void rest(long accountRef, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        Instant end = clock.instant().plus(d);
        until.merge(accountRef, end, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Zero when the account may be called now. */
    public Duration remaining(long accountRef) {
        Instant end = until.get(accountRef);
        if (end == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public Instant until(long accountRef) {
        return until.get(accountRef);
    }
}
