package io.adplatform.admin.adcreation;

import java.time.Duration;
import java.time.Instant;

/**
 * Who may work a batch when several service instances run: the decisions of the batch lease, free of Spring and the
 * database ({@link BatchRunner} applies them to {@code ad_batches.lease_owner/lease_until}). A runner holds a RUNNING
 * batch until {@code lease_until} and renews it every third of the lease while it works; a lease that ran out means
 * its runner died (or stalls), and any runner may take the batch over. A runner that no longer holds the lease may
 * not record anything (the store's writes carry the same condition as {@link #holds}).
 */
final class BatchLease {

    /** The lease columns of a batch as read (locked) from the store. */
    record Holder(String status, String owner, Instant until) {
    }

    enum Claim {
        /** Nobody held it. */
        TAKEN,
        /** This runner held it already (a second loop of the same runner, or its expired lease nobody took). */
        RENEWED,
        /** Another runner held it and its lease ran out: that runner is presumed dead. */
        TAKEN_OVER,
        /** Another runner holds a live lease: leave the batch to it. */
        HELD_BY_OTHER,
        /** Finished (DONE/PARTIAL) or gone: nothing to work on. */
        NOT_RUNNING;

        boolean granted() {
            return this == TAKEN || this == RENEWED || this == TAKEN_OVER;
        }
    }

    private final Duration lease;

    BatchLease(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be positive");
        }
        this.lease = lease;
    }

    Claim claim(Holder h, String me, Instant now) {
        if (h == null || !"RUNNING".equals(h.status())) {
            return Claim.NOT_RUNNING;
        }
        if (h.owner() == null) {
            return Claim.TAKEN;
        }
        if (h.owner().equals(me)) {
            return Claim.RENEWED;
        }
        return expired(h.until(), now) ? Claim.TAKEN_OVER : Claim.HELD_BY_OTHER;
    }

    /** Whether {@code me} may still record outcomes (mirrored by the stores' fenced writes: lease_until >= now). */
    boolean holds(Holder h, String me, Instant now) {
        return h != null && "RUNNING".equals(h.status()) && me.equals(h.owner()) && !expired(h.until(), now);
    }

    /** Whether a batch is free for the poller to pick up: RUNNING and nobody holds a live lease. */
    boolean orphaned(Holder h, Instant now) {
        return h != null && "RUNNING".equals(h.status()) && (h.owner() == null || expired(h.until(), now));
    }

    /** Where a lease taken or renewed at {@code now} ends. */
    Instant until(Instant now) {
        return now.plus(lease);
    }

    /**
     * Renew before the next step once a third of the lease has passed since the last renewal: a step that starts
     * then still has two thirds of the lease (at least twice the HTTP timeout) to finish its calls.
     */
    boolean renewDue(Instant renewedAt, Instant now) {
        return !now.isBefore(renewedAt.plus(heartbeat()));
    }

    /** How often a working runner renews; also the longest it sleeps between renewals. */
    Duration heartbeat() {
        return lease.dividedBy(3);
    }

    private static boolean expired(Instant until, Instant now) {
        return until == null || until.isBefore(now);
    }
}
