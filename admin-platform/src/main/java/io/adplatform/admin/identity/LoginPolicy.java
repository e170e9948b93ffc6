package io.adplatform.admin.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Lockout after repeated failures, free of storage: given the stored counters and whether the password matched, what
 * happens now. A locked account is refused without looking at the password, so guessing cannot continue while locked.
 */
record LoginPolicy(int maxFailures, Duration lockout) {

    enum Outcome { SIGNED_IN, WRONG_PASSWORD, LOCKED_NOW, LOCKED, DISABLED }

    /** The result and the counters to store. */
    record Decision(Outcome outcome, int failedLogins, Instant lockedUntil) {
    }

    Decision decide(boolean active, int failedLogins, Instant lockedUntil, boolean passwordMatches, Instant now) {
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return new Decision(Outcome.LOCKED, failedLogins, lockedUntil);
        }
        if (!passwordMatches) {
            int failures = failedLogins + 1;
            return failures >= maxFailures
                    ? new Decision(Outcome.LOCKED_NOW, 0, now.plus(lockout))
                    : new Decision(Outcome.WRONG_PASSWORD, failures, null);
        }
        if (!active) {
            return new Decision(Outcome.DISABLED, 0, null);
        }
        return new Decision(Outcome.SIGNED_IN, 0, null);
    }
}
