package io.adplatform.dplink.pool;

/**
 * The numbers that shape an ad's rotation.
 *
 * @param roundSize      clicks per serving round: a link that goes live at count c is replaced at c + roundSize
 * @param waitCapacity   bound of the wait queue (at least 1)
 * @param fixedReserve   clicks kept free below each cap for reports still in flight, when set; {@code null} learns it
 *                       (see {@link LateReserve})
 * @param reserveMargin  the learnt reserve is the late reports observed times this (≥ 1)
 */
public record PoolSettings(int roundSize, int waitCapacity, Integer fixedReserve, double reserveMargin) {

    public static final double DEFAULT_RESERVE_MARGIN = 1.25;

    public PoolSettings {
        if (roundSize < 1) {
            throw new IllegalArgumentException("roundSize must be at least 1");
        }
        if (waitCapacity < 1) {
            throw new IllegalArgumentException("waitCapacity must be at least 1");
        }
        if (fixedReserve != null && fixedReserve < 0) {
            throw new IllegalArgumentException("fixedReserve must not be negative");
        }
        if (reserveMargin < 1) {
            throw new IllegalArgumentException("reserveMargin must be at least 1");
        }
    }

    public PoolSettings(int roundSize, int waitCapacity, Integer fixedReserve) {
        this(roundSize, waitCapacity, fixedReserve, DEFAULT_RESERVE_MARGIN);
    }
}
