package io.adplatform.newdevice.pool;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The port's semantics over a map, for unit tests of the decision logic (Redis is covered by its own tests). */
final class InMemoryPoolStore implements PoolStore {

    final Map<String, Long> entries = new HashMap<>();
    final Map<String, Integer> layouts = new HashMap<>();
    int insertCalls;

    @Override
    public synchronized long[] insertIfAbsent(List<PoolSlot> slots, long[] values) {
        insertCalls++;
        long[] out = new long[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            Long existing = entries.putIfAbsent(key(slots.get(i)), values[i]);
            out[i] = existing == null ? INSERTED : existing;
        }
        return out;
    }

    @Override
    public synchronized void replaceIfUnchanged(List<PoolSlot> slots, long[] expected, long[] replacement) {
        for (int i = 0; i < slots.size(); i++) {
            entries.replace(key(slots.get(i)), expected[i], replacement[i]);
        }
    }

    @Override
    public synchronized long[] read(List<PoolSlot> slots) {
        return slots.stream().mapToLong(s -> entries.getOrDefault(key(s), ABSENT)).toArray();
    }

    @Override
    public synchronized Map<String, Integer> pinBucketBits(Map<String, Integer> proposed) {
        Map<String, Integer> out = new HashMap<>();
        proposed.forEach((app, bits) -> out.put(app, layouts.computeIfAbsent(app, a -> bits)));
        return out;
    }

    @Override
    public synchronized OptionalInt bucketBits(String appId) {
        Integer bits = layouts.get(appId);
        return bits == null ? OptionalInt.empty() : OptionalInt.of(bits);
    }

    private static String key(PoolSlot slot) {
        return slot.appId() + ':' + slot.bucket() + ':' + HexFormat.of().formatHex(slot.field());
    }
}
