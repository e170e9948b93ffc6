package io.adplatform.bidder.notice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One generation of the bid cache's memory: serialized contexts appended into byte arrays of about 1 MB, found by a
 * 64-bit hash of their bid id in an open-addressing table of primitive arrays. Nothing here is an object per entry: a
 * young GC copies a few large arrays at most (with G1's 1 MB regions, those of a 1 GB heap, none: arrays of half a
 * region or more are allocated outside the young generation, and dropped whole with the generation), where a map of
 * tens of thousands of entries was most of what each young pause copied.
 *
 * <p>Append-only, bounded by {@code maxEntries}; {@link #put} refuses what does not fit. Thread-safe (every call holds
 * the table's lock: a few array accesses, two event loops and the notices).
 */
final class ContextTable {

    /** Bytes of one chunk: with its array header, one 1 MB region. */
    static final int CHUNK = (1 << 20) - 64;

    private final long[] keys;      // 0 = free
    private final int[] locations;  // chunk << 20 | offset
    private final int[] lengths;
    private final int mask;
    private final int maxEntries;
    private final List<byte[]> chunks = new ArrayList<>();
    private int offset = CHUNK;     // in the last chunk; CHUNK = a new chunk is needed
    private int size;

    ContextTable(int maxEntries) {
        this.maxEntries = maxEntries;
        int capacity = Integer.highestOneBit(Math.max(16, maxEntries * 2 - 1)) << 1;
        this.keys = new long[capacity];
        this.locations = new int[capacity];
        this.lengths = new int[capacity];
        this.mask = capacity - 1;
    }

    /** Whether the table holds {@code maxEntries} already. */
    synchronized boolean full() {
        return size >= maxEntries;
    }

    /**
     * Keeps a copy of {@code value} under {@code key} (not 0: {@link #key} never gives it); false when the table is full
     * or the value over a chunk.
     */
    synchronized boolean put(long key, byte[] value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 marks a free slot");
        }
        if (size >= maxEntries || value.length > CHUNK || chunks.size() >= 1 << 11) {
            return false;
        }
        if (offset + value.length > CHUNK) {
            chunks.add(new byte[CHUNK]);
            offset = 0;
        }
        int chunk = chunks.size() - 1;
        System.arraycopy(value, 0, chunks.get(chunk), offset, value.length);
        int slot = slot(key);
        if (keys[slot] == 0) {
            size++;
        }
        keys[slot] = key;
        locations[slot] = chunk << 20 | offset;
        lengths[slot] = value.length;
        offset += value.length;
        return true;
    }

    /** A copy of the value kept under {@code key}, or null. */
    synchronized byte[] get(long key) {
        int slot = slot(key);
        if (keys[slot] == 0) {
            return null;
        }
        int location = locations[slot];
        int from = location & ((1 << 20) - 1);
        return Arrays.copyOfRange(chunks.get(location >>> 20), from, from + lengths[slot]);
    }

    /** The key's slot: where it is, or the free slot where it would go (the table is never over half full). */
    private int slot(long key) {
        int i = (int) (key ^ key >>> 32) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** A 64-bit hash of a bid id, never 0 (FNV-1a over its characters, then mixed). */
    static long key(String bidId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < bidId.length(); i++) {
            h = (h ^ bidId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
