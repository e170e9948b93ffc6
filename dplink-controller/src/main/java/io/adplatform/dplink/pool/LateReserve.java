package io.adplatform.dplink.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Learns how many clicks arrive after a link stopped serving: a link's count minus its count when it last left
 * serving is exactly that — clicks made while it served, reported after. Observed on every waiting link (since its last
 * swap-out) and on every link done within the last {@link #DONE_WINDOW} (since its final swap-out: these keep growing
 * for as long as reports can be late, so they also see the long tail a waiting link's short rest does not). The
 * reserve is the largest observation times the margin, and forgets at most 1 % per step, so one quiet moment does not
 * drop it. Keeping this many clicks free below every cap lets the last round of a link end on its cap, not past it.
 */
public final class LateReserve {

    /** Reports later than this are not expected (the partner windows are shorter). */
    public static final Duration DONE_WINDOW = Duration.ofMinutes(15);

    private LateReserve() {
    }

    public static int next(int current, Collection<PoolLink> links, Map<Long, Long> counts, PoolSettings settings,
                           Instant now) {
        if (settings.fixedReserve() != null) {
            return settings.fixedReserve();
        }
        Instant doneSince = now.minus(DONE_WINDOW);
        long observed = 0;
        for (PoolLink l : links) {
            boolean watched = l.state() == LinkState.WAITING
                    || (l.state() == LinkState.DONE && !l.stateSince().isBefore(doneSince));
            if (watched && l.countAtSwapOut() != null) {
                observed = Math.max(observed, counts.getOrDefault(l.id(), 0L) - l.countAtSwapOut());
            }
        }
        long learnt = (long) Math.ceil(observed * settings.reserveMargin());
        long decayed = current - current / 100;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(learnt, decayed));
    }
}
