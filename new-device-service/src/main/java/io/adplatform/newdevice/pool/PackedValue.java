package io.adplatform.newdevice.pool;

import java.time.Instant;

/**
 * What the pool stores per identifier: {@code (firstSeenEpochSeconds << 24) | tag}, where the tag is 24 bits of the
 * digest of the event id that first inserted the identifier, so a replay of that same event can be recognised.
 *
 * <p>In Redis the value is these 56 bits as 7 raw big-endian bytes (4 bytes of seconds, then the 3 tag bytes), not
 * decimal text: a listpack keeps a 7-byte string in 9 bytes, while the decimal text of a 55-bit number is kept as a
 * 64-bit integer in 10. One byte per identifier is ~5% of the pool. Raw bytes also never pass through Lua numbers
 * (doubles, which would round a 55-bit value).
 */
public final class PackedValue {

    public static final int TAG_BITS = 24;
    public static final int TAG_MASK = (1 << TAG_BITS) - 1;
    /** Bytes of the stored form. */
    public static final int BYTES = 7;
    /** Seconds are stored as 4 unsigned bytes: up to 2106-02-07T06:28:15Z. */
    public static final long MAX_EPOCH_SECONDS = 0xFFFF_FFFFL;

    private PackedValue() {
    }

    public static long pack(long epochSeconds, int tag) {
        if (epochSeconds < 0 || epochSeconds > MAX_EPOCH_SECONDS) {
            throw new IllegalArgumentException("first-seen seconds out of range: " + epochSeconds);
        }
        return (epochSeconds << TAG_BITS) | (tag & TAG_MASK);
    }

    public static long epochSeconds(long packed) {
        return packed >>> TAG_BITS;
    }

    public static Instant firstSeen(long packed) {
        return Instant.ofEpochSecond(epochSeconds(packed));
    }

    public static int tag(long packed) {
        return (int) (packed & TAG_MASK);
    }

    /** The stored form: 7 big-endian bytes. */
    public static byte[] toBytes(long packed) {
        if (packed < 0 || packed >>> (8 * BYTES) != 0) {
            throw new IllegalArgumentException("not a packed value: " + packed);
        }
        byte[] out = new byte[BYTES];
        for (int i = BYTES - 1; i >= 0; i--) {
            out[i] = (byte) packed;
            packed >>>= 8;
        }
        return out;
    }

    /** Reads the stored form; anything but 7 bytes means something else wrote into the pool's keys. */
    public static long fromBytes(byte[] stored) {
        if (stored.length != BYTES) {
            throw new IllegalStateException("not a pool value: " + stored.length + " bytes instead of " + BYTES);
        }
        long packed = 0;
        for (byte b : stored) {
            packed = (packed << 8) | (b & 0xFF);
        }
        return packed;
    }
}
