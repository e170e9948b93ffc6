package io.adplatform.newdevice.pool;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckResult;
import io.adplatform.common.event.DeviceIdentifier;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.Platform;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The activation pool: is this (app, device) new, and when was it first seen.
 *
 * <p>A device is NEW only if none of the identifiers its event carries is in the pool; every device-level identifier is
 * recorded (the AppsFlyer id only when it is the sole one, see {@link #recorded}), so a reset advertising id beside an
 * unchanged vendor / Android id is a known device whose new id is learned. Each
 * identifier stores {@link PackedValue first-seen and the tag of the event that inserted it}; when the identifiers found
 * all carry this event's tag, the check is a replay of that event and answers new again (Kafka transactions on the
 * caller's side re-ask after an abort). Tags are 24 bits, so a known device whose found identifiers all carry another
 * event's tag that happens to be equal is answered new: odds 1 in 16,777,216 per such check.
 */
public final class ActivationPool {

    private final PoolStore store;
    private final BucketSizing sizing;
    private final Clock clock;
    /** Bits each app's pool was created with; they never change once pinned, so caching them forever is safe. */
    private final Map<String, Integer> pinnedBits = new ConcurrentHashMap<>();

    public ActivationPool(PoolStore store, BucketSizing sizing, Clock clock) {
        this.store = store;
        this.sizing = sizing;
        this.clock = clock;
    }

    /**
     * Answers the checks in order, as one batch to the store. Checks must be valid (non-blank app and event id, at
     * least one usable identifier, occurredAt absent or not before 1970).
     */
    public List<CheckOutcome> check(List<ActivationCheck> checks) {
        Instant now = clock.instant();
        PoolDigest digest = new PoolDigest();
        List<List<DeviceIdentifier>> identifiers = new ArrayList<>(checks.size());
        long[] candidates = new long[checks.size()];
        int slotCount = 0;
        List<DeviceIdentifier> consultedOnly = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            ActivationCheck check = checks.get(i);
            List<DeviceIdentifier> ids = DeviceKeys.ordered(check.platform(), check.device());
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("checks[" + i + "].device carries no usable identifier");
            }
            List<DeviceIdentifier> recorded = recorded(ids);
            identifiers.add(recorded);
            consultedOnly.add(recorded.size() < ids.size() ? ids.get(ids.size() - 1) : null);
            candidates[i] = PackedValue.pack(firstSeenSeconds(check.occurredAt(), now), digest.eventTag(check.eventId()));
            slotCount += recorded.size();
        }
        // Only now, with every check usable: this may write the layout of apps seen for the first time.
        Map<String, Integer> bits = bitsFor(checks);
        long[] consulted = readConsulted(checks, bits, consultedOnly, digest);

        // Phase 1: each check's first (highest-priority) identifier. Of two checks racing on the same new device, only
        // one inserts it: that one owns the device.
        List<PoolSlot> primarySlots = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            primarySlots.add(digest.slot(checks.get(i).appId(), bits.get(checks.get(i).appId()), identifiers.get(i).get(0)));
        }
        long[] primaries = store.insertIfAbsent(primarySlots, candidates);

        // Phase 2: the other identifiers, stamped with the owner's tag (the tag now in the first identifier's slot). A
        // loser of the race so writes what the owner would have written, and the owner reads its own tag there instead
        // of taking the loser's for an earlier device; a tag of anyone else is a device known before.
        List<PoolSlot> slots = new ArrayList<>(slotCount);
        long[] values = new long[slotCount];
        for (int i = 0; i < checks.size(); i++) {
            slots.add(primarySlots.get(i));
            values[slots.size() - 1] = candidates[i];
            long owner = primaries[i] == PoolStore.INSERTED ? candidates[i] : primaries[i];
            long secondary = PackedValue.pack(PackedValue.epochSeconds(candidates[i]), PackedValue.tag(owner));
            int appBits = bits.get(checks.get(i).appId());
            List<DeviceIdentifier> ids = identifiers.get(i);
            for (int j = 1; j < ids.size(); j++) {
                values[slots.size()] = secondary;
                slots.add(digest.slot(checks.get(i).appId(), appBits, ids.get(j)));
            }
        }
        long[] stored = new long[slotCount];
        List<PoolSlot> secondarySlots = new ArrayList<>(slotCount - checks.size());
        List<Integer> secondaryAt = new ArrayList<>(slotCount - checks.size());
        for (int i = 0, s = 0; i < checks.size(); i++) {
            stored[s] = primaries[i];
            for (int j = 1; j < identifiers.get(i).size(); j++) {
                secondarySlots.add(slots.get(s + j));
                secondaryAt.add(s + j);
            }
            s += identifiers.get(i).size();
        }
        if (!secondarySlots.isEmpty()) {
            long[] secondaryValues = new long[secondarySlots.size()];
            for (int k = 0; k < secondaryValues.length; k++) {
                secondaryValues[k] = values[secondaryAt.get(k)];
            }
            long[] secondaries = store.insertIfAbsent(secondarySlots, secondaryValues);
            for (int k = 0; k < secondaries.length; k++) {
                stored[secondaryAt.get(k)] = secondaries[k];
            }
        }

        List<CheckOutcome> outcomes = new ArrayList<>(checks.size());
        List<Restamp> restamps = new ArrayList<>(0);
        for (int i = 0, s = 0; i < checks.size(); i++) {
            List<DeviceIdentifier> ids = identifiers.get(i);
            CheckOutcome outcome = decide(ids.get(0).asKey(), candidates[i], slots, stored, values, s, ids.size(),
                    consulted[i], restamps);
            outcomes.add(outcome);
            s += ids.size();
        }
        if (!restamps.isEmpty()) {
            store.replaceIfUnchanged(restamps.stream().map(Restamp::slot).toList(),
                    restamps.stream().mapToLong(Restamp::expected).toArray(),
                    restamps.stream().mapToLong(Restamp::replacement).toArray());
        }
        return outcomes;
    }

    /** Reads what the pool holds for a device without changing anything; empty when none of its ids is there. */
    public Optional<DeviceRecord> lookup(String appId, Platform platform, DeviceIds device) {
        List<DeviceIdentifier> ids = DeviceKeys.ordered(platform, device);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("device carries no usable identifier");
        }
        OptionalInt bits = existingBits(appId);
        if (bits.isEmpty()) {
            return Optional.empty();
        }
        PoolDigest digest = new PoolDigest();
        List<PoolSlot> slots = ids.stream().map(id -> digest.slot(appId, bits.getAsInt(), id)).toList();
        long[] stored = store.read(slots);

        List<DeviceRecord.IdentifierRecord> records = new ArrayList<>(ids.size());
        long earliest = Long.MAX_VALUE;
        for (int j = 0; j < ids.size(); j++) {
            Instant seen = null;
            if (stored[j] != PoolStore.ABSENT) {
                earliest = Math.min(earliest, PackedValue.epochSeconds(stored[j]));
                seen = PackedValue.firstSeen(stored[j]);
            }
            records.add(new DeviceRecord.IdentifierRecord(ids.get(j).asKey(), seen));
        }
        return earliest == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(new DeviceRecord(ids.get(0).asKey(), Instant.ofEpochSecond(earliest), records));
    }

    /**
     * One check's answer from what its slots held ({@code stored}: {@link PoolStore#INSERTED} where this call wrote
     * {@code written}). NEW: this call inserted the first identifier and every slot carries its tag; REPLAYED: the first
     * identifier already carries this event's tag (the same event asked again); KNOWN: some slot carries another tag.
     */
    private static CheckOutcome decide(String deviceKey, long candidate, List<PoolSlot> slots, long[] stored,
            long[] written, int from, int count, long consulted, List<Restamp> restamps) {
        int tag = PackedValue.tag(candidate);
        boolean foreign = false;
        boolean replayed = false;
        int inserted = 0;
        long earliest = Long.MAX_VALUE;
        if (consulted != PoolStore.ABSENT) {
            // An AppsFlyer id recorded when it was all a device carried: the device is known (or this is a replay).
            foreign = PackedValue.tag(consulted) != tag;
            replayed = !foreign;
            earliest = PackedValue.epochSeconds(consulted);
        }
        for (int s = from; s < from + count; s++) {
            long value = stored[s] == PoolStore.INSERTED ? written[s] : stored[s];
            if (stored[s] == PoolStore.INSERTED) {
                inserted++;
            } else if (s == from && PackedValue.tag(value) == tag) {
                replayed = true;
            }
            if (PackedValue.tag(value) != tag) {
                foreign = true;
            }
            // Earliest over what is stored after this call, so asking again about the same ids gives the same time.
            earliest = Math.min(earliest, PackedValue.epochSeconds(value));
        }
        // Identifiers stored with a later time than the device's (ids a known device adds; a racing event of the same
        // new device) take the device's first-seen, so a reset GAID seen alone later still reports the original
        // install time. Keyed on what is stored, not on "inserted now", so a retried batch finishes a missed restamp.
        for (int s = from; s < from + count; s++) {
            long value = stored[s] == PoolStore.INSERTED ? written[s] : stored[s];
            if (PackedValue.epochSeconds(value) > earliest) {
                restamps.add(new Restamp(slots.get(s), value, PackedValue.pack(earliest, PackedValue.tag(value))));
            }
        }
        CheckResult result = foreign ? CheckResult.KNOWN : replayed ? CheckResult.REPLAYED : CheckResult.NEW;
        ActivationCheckResult answer =
                new ActivationCheckResult(result.newDevice(), Instant.ofEpochSecond(earliest), deviceKey);
        return new CheckOutcome(result, answer, foreign ? inserted : 0);
    }

    /**
     * The identifiers stored for a device: its device-level ids (advertising, vendor, Android ids), or its AppsFlyer id
     * when that is all it carries. An AppsFlyer id changes with every reinstall, so beside a device-level id it adds
     * nothing to "is this device new" but another ~18 bytes per device; it is still consulted (read, never written),
     * so a device first seen by its AppsFlyer id alone stays known when a later event also carries a device-level id.
     */
    static List<DeviceIdentifier> recorded(List<DeviceIdentifier> ordered) {
        int last = ordered.size() - 1;
        boolean appsflyerBesideDeviceIds = last > 0 && ordered.get(last).kind() == DeviceIdentifier.Kind.APPSFLYER_ID;
        return appsflyerBesideDeviceIds ? ordered.subList(0, last) : ordered;
    }

    /** Reads the consulted-only identifiers of the batch in one round trip; ABSENT where there is none. */
    private long[] readConsulted(List<ActivationCheck> checks, Map<String, Integer> bits,
            List<DeviceIdentifier> consultedOnly, PoolDigest digest) {
        long[] values = new long[checks.size()];
        java.util.Arrays.fill(values, PoolStore.ABSENT);
        List<PoolSlot> slots = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            DeviceIdentifier id = consultedOnly.get(i);
            if (id != null) {
                positions.add(i);
                slots.add(digest.slot(checks.get(i).appId(), bits.get(checks.get(i).appId()), id));
            }
        }
        if (!slots.isEmpty()) {
            long[] read = store.read(slots);
            for (int j = 0; j < read.length; j++) {
                values[positions.get(j)] = read[j];
            }
        }
        return values;
    }

    /** occurredAt truncated to seconds; the clock's now when absent or in the future (a device clock ahead of ours). */
    static long firstSeenSeconds(Instant occurredAt, Instant now) {
        Instant at = occurredAt == null || occurredAt.isAfter(now) ? now : occurredAt;
        if (at.getEpochSecond() < 0) {
            throw new IllegalArgumentException("occurredAt before 1970: " + at);
        }
        return at.getEpochSecond();
    }

    /** A learned identifier whose first-seen moves back to its device's. Rare: only when ids change. */
    private record Restamp(PoolSlot slot, long expected, long replacement) {
    }

    /**
     * Registers an app before its first activation (product onboarding): pins its pool layout — the configured bucket
     * bits, or the ones it already has — and answers them. Idempotent: a pinned layout never changes.
     */
    public int register(String appId) {
        Integer known = pinnedBits.get(appId);
        if (known != null) {
            return known;
        }
        Map<String, Integer> pinned = store.pinBucketBits(Map.of(appId, sizing.bitsFor(appId)));
        pinnedBits.putAll(pinned);
        return pinned.get(appId);
    }

    private Map<String, Integer> bitsFor(List<ActivationCheck> checks) {
        Map<String, Integer> bits = new HashMap<>();
        Map<String, Integer> toPin = new HashMap<>();
        for (ActivationCheck check : checks) {
            String app = check.appId();
            Integer known = pinnedBits.get(app);
            if (known != null) {
                bits.put(app, known);
            } else {
                toPin.putIfAbsent(app, sizing.bitsFor(app));
            }
        }
        if (!toPin.isEmpty()) {
            Map<String, Integer> pinned = store.pinBucketBits(toPin);
            pinnedBits.putAll(pinned);
            bits.putAll(pinned);
        }
        return bits;
    }

    private OptionalInt existingBits(String appId) {
        Integer known = pinnedBits.get(appId);
        if (known != null) {
            return OptionalInt.of(known);
        }
        OptionalInt stored = store.bucketBits(appId);
        stored.ifPresent(b -> pinnedBits.put(appId, b));
        return stored;
    }
}
