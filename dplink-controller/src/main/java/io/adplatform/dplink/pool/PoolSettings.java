package io.adplatform.dplink.pool;

/**
 * The numbers that shape an ad's rotation.
 *
 * @param roundSize     clicks per serving round: a link that goes live at count c is replaced at c + roundSize
 * @param waitCapacity  bound of the wait queue (at least 1)
 * @param fixedReserve  clicks kept free below each cap for reports still in flight, when set; {@code null} learns it
 *                      (see {@link LateReserve})
 */
public record PoolSettings(int roundSize, int waitCapacity, Integer fixedReserve) {

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
    }
}
