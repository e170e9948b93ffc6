package io.adplatform.dplink.pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The seed's rotation rules, free of storage and time:
 * <ol>
 *   <li>wait queue full → the new link is the one that has waited longest;</li>
 *   <li>not full → the new link is the next not-started one (upload order);</li>
 *   <li>nothing left to start → the wait queue drains, longest wait first;</li>
 *   <li>the old link goes back to the wait queue, unless it reached its cap → done (a round ended by the cap is the
 *       link's last, whatever the reserve says now: no ping-pong around the cap);</li>
 *   <li>no other usable link: the old one serves another round if it still can, else the ad is exhausted.</li>
 * </ol>
 * "Reached its cap" and "usable" are with the late-click reserve ({@link Limits}). Links found at their cap while
 * waiting (late reports kept coming) are retired on the way. A link an operator retired ({@link LinkState#RETIRED}) is
 * never chosen, never renewed and never resumed: when it is the serving one it is replaced as at a round's end, and
 * goes to RETIRED instead of the wait queue.
 */
public final class SwapPlanner {

    private static final Comparator<PoolLink> LONGEST_WAIT =
            Comparator.comparing(PoolLink::stateSince).thenComparingLong(PoolLink::seq);
    private static final Comparator<PoolLink> UPLOAD_ORDER = Comparator.comparingLong(PoolLink::seq);

    private SwapPlanner() {
    }

    /** The end of the serving link's round ({@code atCap}: its cap): what replaces it. */
    public static SwapPlan replace(Collection<PoolLink> links, long servingLinkId, boolean atCap, Map<Long, Long> counts,
                                   PoolSettings settings, int currentReserve, Instant now) {
        int reserve = LateReserve.next(currentReserve, links, counts, settings, now);
        PoolLink old = links.stream().filter(l -> l.id() == servingLinkId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("link " + servingLinkId + " is not in the pool"));
        boolean oldRetired = old.state() == LinkState.RETIRED;
        boolean oldUsable = !oldRetired && !atCap && Limits.usable(count(counts, old), old.cap(), reserve);
        List<Long> retired = new ArrayList<>();
        PoolLink next = choose(links, old.id(), counts, settings, reserve, retired);
        LinkState oldNext = oldRetired ? LinkState.RETIRED : oldUsable ? LinkState.WAITING : LinkState.DONE;
        if (next != null) {
            return new SwapPlan(SwapPlan.Kind.SWAP, old.id(), oldNext, next.id(), next.url(), retired, reserve);
        }
        if (oldUsable) {
            return new SwapPlan(SwapPlan.Kind.RENEW, old.id(), LinkState.SERVING, old.id(), old.url(), retired, reserve);
        }
        return new SwapPlan(SwapPlan.Kind.EXHAUSTED, old.id(), oldNext, null, null, retired, reserve);
    }

    /**
     * Going live (first start, or resume after a pause or exhaustion): the link that was serving if it still can,
     * otherwise the next one by the same rules.
     */
    public static SwapPlan start(Collection<PoolLink> links, Long servingLinkId, Map<Long, Long> counts,
                                 PoolSettings settings, int currentReserve, Instant now) {
        int reserve = LateReserve.next(currentReserve, links, counts, settings, now);
        List<Long> retired = new ArrayList<>();
        PoolLink current = servingLinkId == null ? null
                : links.stream().filter(l -> l.id() == servingLinkId).findFirst().orElse(null);
        if (current != null && current.state() != LinkState.RETIRED
                && Limits.usable(count(counts, current), current.cap(), reserve)) {
            return new SwapPlan(SwapPlan.Kind.SWAP, null, null, current.id(), current.url(), retired, reserve);
        }
        PoolLink next = choose(links, current == null ? Long.MIN_VALUE : current.id(), counts, settings, reserve, retired);
        LinkState currentNext = current == null ? null
                : current.state() == LinkState.RETIRED ? LinkState.RETIRED : LinkState.DONE;
        Long currentId = current == null ? null : current.id();
        if (next == null) {
            return new SwapPlan(SwapPlan.Kind.EXHAUSTED, currentId, currentNext, null, null, retired, reserve);
        }
        return new SwapPlan(SwapPlan.Kind.SWAP, currentId, currentNext, next.id(), next.url(), retired, reserve);
    }

    private static PoolLink choose(Collection<PoolLink> links, long excluded, Map<Long, Long> counts,
                                   PoolSettings settings, int reserve, List<Long> retired) {
        List<PoolLink> waiting = new ArrayList<>();
        List<PoolLink> notStarted = new ArrayList<>();
        for (PoolLink l : links) {
            if (l.id() == excluded || (l.state() != LinkState.WAITING && l.state() != LinkState.NOT_STARTED)) {
                continue;
            }
            if (!Limits.usable(count(counts, l), l.cap(), reserve)) {
                retired.add(l.id());
            } else if (l.state() == LinkState.WAITING) {
                waiting.add(l);
            } else {
                notStarted.add(l);
            }
        }
        waiting.sort(LONGEST_WAIT);
        notStarted.sort(UPLOAD_ORDER);
        if (!waiting.isEmpty() && waiting.size() >= settings.waitCapacity()) {
            return waiting.get(0);
        }
        if (!notStarted.isEmpty()) {
            return notStarted.get(0);
        }
        return waiting.isEmpty() ? null : waiting.get(0);
    }

    private static long count(Map<Long, Long> counts, PoolLink l) {
        return counts.getOrDefault(l.id(), 0L);
    }
}
