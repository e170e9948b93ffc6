package io.adplatform.bidder.traffic;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Caps requests per device per second (a fixed one-second window), for request floods: a device, emulator farm or
 * broken SDK sending far more bid requests than a person's phone can show ads.
 *
 * <p>Bounded and lock-free: a fixed table of 2^bits slots, each one long {@code [24-bit key fingerprint | 24-bit
 * second | 16-bit count]} updated by CAS, two candidate slots per device (two-way set associative, same cache line).
 * A device whose slots are taken by two other devices active in the same second evicts the one with the lower count.
 * Approximate by design: collisions can only lose counts (let a flood through for part of a second), and a false
 * positive needs two devices with the same slot pair and the same 24-bit fingerprint active in the same second.
 */
public final class FloodGuard {

    private static final long COUNT_MASK = 0xFFFF;
    private static final long SECOND_MASK = 0xFF_FFFF;
    private static final long FINGERPRINT_MASK = 0xFF_FFFF;

    private final int maxPerSecond;
    private final AtomicLongArray slots;
    private final int mask;

    /**
     * @param maxPerSecond requests allowed per device and second, 1..65535; 0 disables the guard
     * @param tableBits    log2 of the slot count, 4..26 (16 → 65,536 slots, 512 KiB): size it to a few times the
     *                     distinct devices seen per second
     */
    public FloodGuard(int maxPerSecond, int tableBits) {
        if (maxPerSecond < 0 || maxPerSecond > COUNT_MASK) {
            throw new IllegalArgumentException("max requests per device per second must be 0..65535");
        }
        if (tableBits < 4 || tableBits > 26) {
            throw new IllegalArgumentException("flood table bits must be 4..26");
        }
        this.maxPerSecond = maxPerSecond;
        this.slots = new AtomicLongArray(maxPerSecond == 0 ? 0 : 1 << tableBits);
        this.mask = (1 << tableBits) - 1;
    }

    /**
     * Counts one request of the device.
     *
     * @param deviceKey see {@link #deviceKey}
     * @return false when the device is over its limit in the second of {@code nowMillis}
     */
    public boolean tryAcquire(long deviceKey, long nowMillis) {
        if (maxPerSecond == 0) {
            return true;
        }
        int first = (int) deviceKey & mask & ~1;
        long second = Math.floorDiv(nowMillis, 1000) & SECOND_MASK;
        long tag = ((deviceKey >>> 40) & FINGERPRINT_MASK) << 40 | second << 16;
        while (true) {
            long a = slots.get(first);
            long b = slots.get(first + 1);
            int index;
            long current;
            if ((a & ~COUNT_MASK) == tag) {
                index = first;
                current = a;
            } else if ((b & ~COUNT_MASK) == tag) {
                index = first + 1;
                current = b;
            } else {
                // a new device this second: take a slot of an earlier second, else the less busy one
                boolean aStale = ((a >>> 16) & SECOND_MASK) != second;
                boolean bStale = ((b >>> 16) & SECOND_MASK) != second;
                index = aStale ? first : bStale ? first + 1 : (a & COUNT_MASK) <= (b & COUNT_MASK) ? first : first + 1;
                if (slots.compareAndSet(index, index == first ? a : b, tag | 1)) {
                    return true;
                }
                continue;
            }
            if ((current & COUNT_MASK) >= maxPerSecond) {
                return false; // no write: a flooding device does not make its cache line bounce
            }
            if (slots.compareAndSet(index, current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * A 64-bit key for the device: its advertising id ({@code device.ifa}), else its IP and user agent. A zeroed ifa
     * (iOS without tracking consent sends {@code 00000000-0000-0000-0000-000000000000}) is no id: it would put every
     * such device under one limit.
     */
    public static long deviceKey(String ifa, String ip, String ua) {
        if (isDeviceId(ifa)) {
            return mix(hash(ifa, 0x5DEECE66DL));
        }
        return mix(hash(ua, hash(ip, 0x2545F4914F6CDD1DL)));
    }

    private static boolean isDeviceId(String ifa) {
        if (ifa == null) {
            return false;
        }
        for (int i = 0; i < ifa.length(); i++) {
            char c = ifa.charAt(i);
            if (c != '0' && c != '-') {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over the chars; no allocation, unlike hashing the bytes. */
    private static long hash(String s, long seed) {
        long h = seed ^ 0xCBF29CE484222325L;
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001B3L;
            }
        }
        return h;
    }

    /** MurmurHash3's finaliser: every input bit reaches the slot bits and the fingerprint bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
