package io.adplatform.loadgen.newdevice;

import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.Platform;
import java.util.Locale;
import java.util.UUID;

/**
 * Which identifiers a benchmark device carries. Device {@code i} of a run is always the same device (its ids derive
 * from {@code i}), so a benchmark can ask about it again and get "known".
 */
enum DeviceMix {
    /** One identifier per device (a GAID): the layout's best case. */
    SINGLE,
    /** A typical Android activation: GAID + Android id + AppsFlyer id. */
    ANDROID3,
    /** GAID + Android id, no AppsFlyer id: what ANDROID3 would cost if per-install ids were not kept as aliases. */
    ANDROID2,
    /**
     * A realistic blend: 70% Android (GAID on 90% of them, the rest limited ad tracking; Android id; AppsFlyer id),
     * 30% iOS (IDFV and AppsFlyer id; IDFA on the 25% that allow tracking).
     */
    BLEND;

    static DeviceMix parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    Platform platform(long i) {
        return this == BLEND && pick(i, 1) >= 70 ? Platform.IOS : Platform.ANDROID;
    }

    DeviceIds device(long i) {
        String gaid = uuid(i, 2);
        return switch (this) {
            case SINGLE -> new DeviceIds(null, null, null, gaid, null, null);
            case ANDROID3 -> new DeviceIds(appsflyerId(i), null, null, gaid, null, androidId(i));
            case ANDROID2 -> new DeviceIds(null, null, null, gaid, null, androidId(i));
            case BLEND -> platform(i) == Platform.IOS
                    ? new DeviceIds(appsflyerId(i), pick(i, 3) < 25 ? uuid(i, 4) : null, uuid(i, 5), null, null, null)
                    : new DeviceIds(appsflyerId(i), null, null, pick(i, 3) < 90 ? gaid : null, null, androidId(i));
        };
    }

    /** 0..99, stable per device and purpose. */
    private static int pick(long i, int purpose) {
        return (int) Long.remainderUnsigned(mix(i, purpose), 100);
    }

    private static String uuid(long i, int purpose) {
        return new UUID(mix(i, purpose * 2 + 100), mix(i, purpose * 2 + 101)).toString();
    }

    private static String androidId(long i) {
        String hex = Long.toHexString(mix(i, 6));
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static String appsflyerId(long i) {
        long millis = 1_600_000_000_000L + Long.remainderUnsigned(mix(i, 7), 200_000_000_000L);
        long nineteenDigits = 1_000_000_000_000_000_000L + Long.remainderUnsigned(mix(i, 8), 8_000_000_000_000_000_000L);
        return millis + "-" + nineteenDigits;
    }

    /** SplitMix64 finaliser: independent-looking 64-bit values per (device, purpose). */
    private static long mix(long i, int purpose) {
        long z = i * 0x9E3779B97F4A7C15L + purpose * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
