package io.adplatform.bidder.pctr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Turns the impression and click streams into labelled training examples. An impression waits {@code window} for its
 * click and is then released, clicked or not, in the order impressions were read. Releasing a click at once would
 * teach the model from clicks that have their non-clicks still waiting: a new campaign or site would look far better
 * than it is for its first window, just when its prior matters most; in impression order the examples arrive unbiased.
 * The wait runs on this trainer's clock from when the impression was read, not from the event's own time: when the
 * trainer lags or replays, an impression and its click are both in the backlog and the click is still read before the
 * wait ends. Whether a click counts is decided in event time: it must come within {@code window} of the impression. A
 * click read before its impression (partitions are read at different speeds) is remembered for {@code window},
 * bounded. Impressions and clicks read twice while remembered count once. Memory is bounded by {@code maxPending}: when
 * full, the oldest impression is released before its window ends. Not thread-safe: one trainer thread owns it.
 */
public final class ExampleJoiner {

    /** One labelled impression. */
    public record Example(int[] features, String campaignId, boolean clicked) {
    }

    /**
     * What the joiner has seen and dropped, since it started.
     *
     * @param impressions          distinct impressions read
     * @param duplicateImpressions impressions read again while remembered
     * @param unusable             impressions without features
     * @param clicks               clicks joined to their impression (positives)
     * @param duplicateClicks      clicks read again for an impression already clicked, or again before it
     * @param lateClicks           clicks more than the window after their impression (not counted)
     * @param unmatchedClicks      early clicks whose impression never came within the window, or pushed out when full
     * @param evicted              impressions released before their window ended because memory was full (unclicked
     *                             ones train as negatives that may have been clicks)
     * @param negatives            impressions released unclicked
     */
    public record Stats(long impressions, long duplicateImpressions, long unusable, long clicks, long duplicateClicks,
                        long lateClicks, long unmatchedClicks, long evicted, long negatives) {
    }

    private static final class Pending {
        final Instant at;
        final long deadline;
        final int[] features;
        final String campaignId;
        boolean clicked;

        Pending(Instant at, long deadline, int[] features, String campaignId) {
            this.at = at;
            this.deadline = deadline;
            this.features = features;
            this.campaignId = campaignId;
        }
    }

    private record EarlyClick(Instant at, long deadline) {
    }

    private final Clock clock;
    private final Duration window;
    private final long windowMillis;
    private final int maxPending;
    private final int maxEarlyClicks;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final LinkedHashMap<String, EarlyClick> earlyClicks = new LinkedHashMap<>();
    private List<Example> ready = new ArrayList<>();

    private long impressions;
    private long duplicateImpressions;
    private long unusable;
    private long clicks;
    private long duplicateClicks;
    private long lateClicks;
    private long unmatchedClicks;
    private long evicted;
    private long negatives;

    /**
     * @param window         how long an impression waits for its click
     * @param maxPending     impressions waiting at most
     * @param maxEarlyClicks clicks without impression remembered at most
     */
    public ExampleJoiner(Clock clock, Duration window, int maxPending, int maxEarlyClicks) {
        if (window.isNegative() || maxPending < 1 || maxEarlyClicks < 0) {
            throw new IllegalArgumentException("need window ≥ 0, maxPending ≥ 1, maxEarlyClicks ≥ 0");
        }
        this.clock = clock;
        this.window = window;
        this.windowMillis = window.toMillis();
        this.maxPending = maxPending;
        this.maxEarlyClicks = maxEarlyClicks;
    }

    /** An impression of our ad, with the hashed features it was priced with and when it happened. */
    public void impression(String bidId, int[] features, String campaignId, Instant at) {
        if (features == null || bidId == null || at == null) {
            unusable++;
            return;
        }
        if (pending.containsKey(bidId)) {
            duplicateImpressions++;
            return;
        }
        impressions++;
        while (pending.size() >= maxPending) {
            evictOldest();
        }
        Pending p = new Pending(at, clock.millis() + windowMillis, features, campaignId);
        pending.put(bidId, p);
        EarlyClick early = earlyClicks.remove(bidId);
        if (early != null) {
            join(p, early.at());
        }
    }

    /** A click on the ad of bid {@code bidId}, when it happened. */
    public void click(String bidId, Instant at) {
        if (bidId == null || at == null) {
            return;
        }
        Pending p = pending.get(bidId);
        if (p != null) {
            if (p.clicked) {
                duplicateClicks++;
            } else {
                join(p, at);
            }
            return;
        }
        if (earlyClicks.containsKey(bidId)) {
            duplicateClicks++;
            return;
        }
        if (maxEarlyClicks == 0) {
            unmatchedClicks++;
            return;
        }
        if (earlyClicks.size() >= maxEarlyClicks) {
            Iterator<?> oldest = earlyClicks.values().iterator();
            oldest.next();
            oldest.remove();
            unmatchedClicks++;
        }
        earlyClicks.put(bidId, new EarlyClick(at, clock.millis() + windowMillis));
    }

    /** The impressions whose wait ended since the last call, labelled, in the order they were read. */
    public List<Example> drainReady() {
        long now = clock.millis();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.deadline > now) {
                break;
            }
            it.remove();
            release(p);
        }
        for (Iterator<EarlyClick> it = earlyClicks.values().iterator(); it.hasNext(); ) {
            if (it.next().deadline() > now) {
                break;
            }
            it.remove();
            unmatchedClicks++;
        }
        List<Example> out = ready;
        ready = new ArrayList<>();
        return out;
    }

    /** Impressions waiting for their window to end, clicked or not. */
    public int pending() {
        return pending.size();
    }

    public Stats stats() {
        return new Stats(impressions, duplicateImpressions, unusable, clicks, duplicateClicks, lateClicks,
                unmatchedClicks, evicted, negatives);
    }

    private void join(Pending p, Instant clickAt) {
        if (clickAt.isAfter(p.at.plus(window))) {
            lateClicks++;
            return;
        }
        clicks++;
        p.clicked = true;
    }

    private void evictOldest() {
        Iterator<Pending> oldest = pending.values().iterator();
        Pending p = oldest.next();
        oldest.remove();
        evicted++;
        release(p);
    }

    private void release(Pending p) {
        if (!p.clicked) {
            negatives++;
        }
        ready.add(new Example(p.features, p.campaignId, p.clicked));
    }
}
