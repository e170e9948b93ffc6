package io.adplatform.newdevice.pool;

import java.util.Map;

/**
 * How many buckets a NEW app's pool gets: {@code 2^bits}. Existing pools keep the bits they were created with (see
 * {@link PoolStore#pinBucketBits}).
 *
 * @param defaultBits bits for apps not listed in {@code bitsByApp}
 * @param bitsByApp   per-app bits for apps expected to grow far beyond the default's sizing
 */
public record BucketSizing(int defaultBits, Map<String, Integer> bitsByApp) {

    public static final int MAX_BITS = 30;

    public BucketSizing {
        bitsByApp = Map.copyOf(bitsByApp == null ? Map.of() : bitsByApp);
        check(defaultBits, "defaultBits");
        bitsByApp.forEach((app, bits) -> check(bits, "bitsByApp[" + app + "]"));
    }

    public int bitsFor(String appId) {
        return bitsByApp.getOrDefault(appId, defaultBits);
    }

    private static void check(int bits, String name) {
        if (bits < 0 || bits > MAX_BITS) {
            throw new IllegalArgumentException(name + " must be within 0.." + MAX_BITS + ", was " + bits);
        }
    }
}
