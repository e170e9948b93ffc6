package io.adplatform.offline.scheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * The rules of a job's lease, ShedLock-style: an instance may take a lease nobody holds, one that has expired, or its
 * own; it holds it for {@code duration} and renews it every third of that while a run goes on, so a run outlives a
 * missed renewal or two but a crashed instance's lease lapses within {@code duration}.
 */
public record LeaseTerms(Duration duration) {

    public LeaseTerms {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive");
        }
    }

    /** Whether {@code instance} may take the lease as it stands (the database decides for real, atomically). */
    public boolean mayTake(String owner, Instant leaseUntil, String instance, Instant now) {
        return owner == null || owner.equals(instance) || leaseUntil == null || leaseUntil.isBefore(now);
    }

    /** Until when a lease taken or renewed now lasts. */
    public Instant until(Instant now) {
        return now.plus(duration);
    }

    /** How often a holder renews while it runs the job. */
    public Duration renewEvery() {
        Duration third = duration.dividedBy(3);
        return third.isZero() ? Duration.ofMillis(1) : third;
    }

    /** Whether a lease is held by someone who is not {@code instance} and has not expired. */
    public boolean heldByOther(String owner, Instant leaseUntil, String instance, Instant now) {
        return !mayTake(owner, leaseUntil, instance, now);
    }
}
