package io.adplatform.dplink.pool;

import java.util.Collection;
import java.util.Map;

/**
 * Learns how many clicks arrive after a link stopped serving. A waiting link's count minus its count at swap-out is
 * exactly that: clicks made while it served, reported after. The reserve follows the largest such number seen on the
 * ad and forgets slowly (1 % per swap), so one burst does not keep links retiring early for ever. Keeping this many
 * clicks free below every cap is what lets the last round of a link end on its cap instead of past it.
 */
public final class LateReserve {

    private LateReserve() {
    }

    public static int next(int current, Collection<PoolLink> links, Map<Long, Long> counts, PoolSettings settings) {
        if (settings.fixedReserve() != null) {
            return settings.fixedReserve();
        }
        long observed = 0;
        for (PoolLink l : links) {
            if (l.state() == LinkState.WAITING && l.countAtSwapOut() != null) {
                observed = Math.max(observed, counts.getOrDefault(l.id(), 0L) - l.countAtSwapOut());
            }
        }
        long decayed = current - current / 100;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(observed, decayed));
    }
}
