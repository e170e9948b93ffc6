package io.adplatform.newdevice.pool;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The pool's storage port. Every operation touches one key, so a sharded (cluster) store can serve it; a batch is
 * sent in one go, answers come back in the order of the batch.
 */
public interface PoolStore {

    /** Answer of {@link #insertIfAbsent} for a slot this call filled; stored values are never negative. */
    long INSERTED = -1;
    /** Answer of {@link #read} for an empty slot. */
    long ABSENT = -1;

    /**
     * For each slot, atomically: if empty, store {@code values[i]} and answer {@link #INSERTED}; else answer the stored
     * value and leave it unchanged.
     *
     * @throws PoolUnavailableException when the store cannot answer the whole batch in time
     */
    long[] insertIfAbsent(List<PoolSlot> slots, long[] values);

    /**
     * For each slot, atomically: if it still holds {@code expected[i]}, store {@code replacement[i]}; otherwise leave
     * it. Used to give identifiers learned beside a known device that device's earlier first-seen.
     */
    void replaceIfUnchanged(List<PoolSlot> slots, long[] expected, long[] replacement);

    /** Stored value of each slot, or {@link #ABSENT}. */
    long[] read(List<PoolSlot> slots);

    /**
     * Bucket bits of each app's pool. An app without a pool gets the proposed bits recorded (first writer wins), so a
     * later change of configuration never re-buckets an existing pool.
     */
    Map<String, Integer> pinBucketBits(Map<String, Integer> proposed);

    /** Bucket bits of an existing pool, or empty when the app has none yet. */
    OptionalInt bucketBits(String appId);
}
