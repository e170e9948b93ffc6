package io.adplatform.bidder.pricing;

import java.util.concurrent.ConcurrentHashMap;

/**
 * First-price shading models per placement (exchange seat × site × tag), created on first sight. Bounded: past
 * {@code maxPlacements} a new placement shares one model rather than growing memory with the long tail.
 */
public final class ShadingBook {

    private final ConcurrentHashMap<String, WinRateShading> byPlacement = new ConcurrentHashMap<>();
    private final int maxPlacements;
    private final WinRateShading shared;

    public ShadingBook(int maxPlacements) {
        this.maxPlacements = maxPlacements;
        this.shared = create();
    }

    public WinRateShading get(String placement) {
        WinRateShading s = byPlacement.get(placement);
        if (s != null) {
            return s;
        }
        if (byPlacement.size() >= maxPlacements) {
            return shared;
        }
        return byPlacement.computeIfAbsent(placement, p -> create());
    }

    /** Bids a fraction 0.4..1.0 of the value in 13 steps, explores 5 % of the time. */
    private static WinRateShading create() {
        return new WinRateShading(0.4, 13, 0.05, 20);
    }

    public int size() {
        return byPlacement.size();
    }
}
