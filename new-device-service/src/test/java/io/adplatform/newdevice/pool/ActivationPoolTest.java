package io.adplatform.newdevice.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckResult;
import io.adplatform.common.event.DeviceIdentifier;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.Platform;
import io.adplatform.common.pii.PiiHashing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivationPoolTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.750Z");
    private static final String GAID = "38400000-8cf0-11bd-b23e-10b96e40000d";
    private static final String GAID_RESET = "6f1e2d3c-0000-4a5b-9c8d-7e6f5a4b3c2d";
    private static final String ANDROID_ID = "9774d56d682e549c";
    private static final String AF_ID = "1700000000000-1234567890123456789";

    private final InMemoryPoolStore store = new InMemoryPoolStore();
    private final ActivationPool pool =
            new ActivationPool(store, new BucketSizing(4, Map.of()), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void unseenDeviceIsNewWithOccurredAtTruncatedToSeconds() {
        ActivationCheckResult result = one(android("e1", "2026-11-20T08:30:15.999Z", GAID, null, null));

        assertThat(result.newDevice()).isTrue();
        assertThat(result.firstSeenAt()).isEqualTo(Instant.parse("2026-11-20T08:30:15Z"));
        assertThat(result.deviceKey()).isEqualTo("gaid:" + GAID);
    }

    @Test
    void secondActivationOfTheSameDeviceIsKnownWithTheFirstTime() {
        one(android("e1", "2026-11-20T08:30:15Z", GAID, null, null));

        CheckOutcome second = pool.check(List.of(android("e2", "2026-11-21T09:00:00Z", GAID, null, null))).get(0);

        assertThat(second.result()).isEqualTo(CheckResult.KNOWN);
        assertThat(second.answer().newDevice()).isFalse();
        assertThat(second.answer().firstSeenAt()).isEqualTo(Instant.parse("2026-11-20T08:30:15Z"));
    }

    @Test
    void replayOfTheSameEventIsNewAgainWithTheStoredTime() {
        one(android("e1", "2026-11-20T08:30:15Z", GAID, ANDROID_ID, null));

        // After an aborted transaction the router asks again; occurredAt is the same event's, but even a different
        // clock reading must not move first-seen.
        CheckOutcome replay = pool.check(List.of(android("e1", null, GAID, ANDROID_ID, null))).get(0);

        assertThat(replay.result()).isEqualTo(CheckResult.REPLAYED);
        assertThat(replay.answer().newDevice()).isTrue();
        assertThat(replay.answer().firstSeenAt()).isEqualTo(Instant.parse("2026-11-20T08:30:15Z"));
        assertThat(one(android("e2", null, GAID, null, null)).newDevice()).isFalse();
    }

    @Test
    void oneKnownIdentifierMakesTheDeviceKnownAndTheOthersAreLearned() {
        one(android("e1", "2026-11-20T08:30:15Z", null, ANDROID_ID, null));

        CheckOutcome outcome =
                pool.check(List.of(android("e2", "2026-11-21T09:00:00Z", GAID, ANDROID_ID, AF_ID))).get(0);

        assertThat(outcome.result()).isEqualTo(CheckResult.KNOWN);
        assertThat(outcome.learnedIdentifiers()).isEqualTo(1); // the GAID; the AppsFlyer id is not stored beside it
        assertThat(outcome.answer().deviceKey()).isEqualTo("gaid:" + GAID);
        assertThat(outcome.answer().firstSeenAt()).isEqualTo(Instant.parse("2026-11-20T08:30:15Z"));
        // The learned alias now recognises the device on its own.
        assertThat(one(android("e3", null, GAID, null, null)).newDevice()).isFalse();
        assertThat(store.entries).hasSize(2);
    }

    @Test
    void appsflyerIdIsStoredOnlyWhenItIsAllADeviceCarriesAndIsConsultedBesideDeviceIds() {
        // A typical Android activation stores its two device-level ids, not the per-install AppsFlyer id.
        assertThat(one(android("e1", "2026-11-20T08:30:15Z", GAID, ANDROID_ID, AF_ID)).newDevice()).isTrue();
        assertThat(store.entries).hasSize(2);
        // Replaying that activation is still answered new.
        assertThat(pool.check(List.of(android("e1", null, GAID, ANDROID_ID, AF_ID))).get(0).result())
                .isEqualTo(CheckResult.REPLAYED);

        // A device seen first by its AppsFlyer id alone …
        String otherAf = "1700000000001-9876543210987654321";
        String otherGaid = "11111111-2222-4333-8444-555555555555";
        assertThat(one(new ActivationCheck("app-1", Platform.ANDROID, DeviceIds.ofAppsflyer(otherAf), "e2",
                Instant.parse("2026-11-20T09:00:00Z"))).newDevice()).isTrue();
        // … stays known when a later event also carries a device-level id: the AppsFlyer id is read, and the GAID learned.
        CheckOutcome later = pool.check(List.of(android("e3", "2026-11-21T09:00:00Z", otherGaid, null, otherAf))).get(0);
        assertThat(later.result()).isEqualTo(CheckResult.KNOWN);
        assertThat(later.answer().firstSeenAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(one(android("e4", null, otherGaid, null, null)).newDevice()).isFalse();
        assertThat(store.entries).hasSize(4);
    }

    @Test
    void resetAdvertisingIdBesideAnUnchangedAndroidIdIsNotANewInstall() {
        one(android("install", "2026-01-05T10:00:00Z", GAID, ANDROID_ID, null));

        // The user resets the GAID; the next activation (e.g. a reinstall) carries the new GAID and the same Android id.
        ActivationCheckResult afterReset = one(android("reinstall", "2026-06-01T10:00:00Z", GAID_RESET, ANDROID_ID, null));
        // Later the Android id is missing (SDK config change): the new GAID alone still recognises the device.
        ActivationCheckResult newGaidOnly = one(android("later", "2026-07-01T10:00:00Z", GAID_RESET, null, null));

        assertThat(afterReset.newDevice()).isFalse();
        assertThat(afterReset.deviceKey()).isEqualTo("gaid:" + GAID_RESET);
        assertThat(afterReset.firstSeenAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(newGaidOnly.newDevice()).isFalse();
        assertThat(newGaidOnly.firstSeenAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }

    @Test
    void firstSeenOfAKnownDeviceIsTheEarliestOfItsIdentifiers() {
        one(android("e1", "2026-03-01T00:00:00Z", GAID, null, null));
        one(android("e2", "2026-01-01T00:00:00Z", null, ANDROID_ID, null));

        ActivationCheckResult both = one(android("e3", "2026-05-01T00:00:00Z", GAID, ANDROID_ID, null));

        assertThat(both.newDevice()).isFalse();
        assertThat(both.firstSeenAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void absentOrFutureOccurredAtUsesTheClock() {
        assertThat(one(android("e1", null, GAID, null, null)).firstSeenAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(one(android("e2", "2030-01-01T00:00:00Z", null, ANDROID_ID, null)).firstSeenAt())
                .isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
    }

    @Test
    void sameDeviceTwiceInOneBatchIsNewThenKnown() {
        List<CheckOutcome> outcomes = pool.check(List.of(
                android("e1", "2026-11-20T00:00:00Z", GAID, null, null),
                android("e2", "2026-11-20T00:00:05Z", GAID, null, null),
                android("e1", "2026-11-20T00:00:00Z", GAID, null, null)));

        assertThat(outcomes).extracting(CheckOutcome::result)
                .containsExactly(CheckResult.NEW, CheckResult.KNOWN, CheckResult.REPLAYED);
        assertThat(store.insertCalls).as("one store round trip per batch").isEqualTo(1);
    }

    @Test
    void appsAreSeparatePools() {
        one(android("e1", null, GAID, null, null));

        ActivationCheckResult otherApp = pool.check(List.of(new ActivationCheck("app-2", Platform.ANDROID,
                new DeviceIds(null, null, null, GAID, null, null), "e2", null))).get(0).answer();

        assertThat(otherApp.newDevice()).isTrue();
    }

    @Test
    void anAppKeepsTheBucketBitsItsPoolWasCreatedWith() {
        store.layouts.put("app-1", 2);

        one(android("e1", null, GAID, ANDROID_ID, AF_ID));

        assertThat(store.entries.keySet()).allSatisfy(key -> assertThat(Integer.parseInt(key.split(":")[1])).isLessThan(4));
        assertThat(store.layouts).containsEntry("app-1", 2);
    }

    @Test
    void lookupReadsWithoutWriting() {
        one(android("e1", "2026-02-02T02:02:02Z", null, ANDROID_ID, null));

        DeviceRecord record = pool.lookup("app-1", Platform.ANDROID, new DeviceIds(null, null, null, GAID, null, ANDROID_ID))
                .orElseThrow();

        assertThat(record.deviceKey()).isEqualTo("gaid:" + GAID);
        assertThat(record.firstSeenAt()).isEqualTo(Instant.parse("2026-02-02T02:02:02Z"));
        assertThat(record.identifiers()).extracting(DeviceRecord.IdentifierRecord::firstSeenAt)
                .containsExactly(null, Instant.parse("2026-02-02T02:02:02Z"));
        assertThat(store.entries).hasSize(1);
        assertThat(pool.lookup("app-1", Platform.ANDROID, new DeviceIds(null, null, null, GAID, null, null))).isEmpty();
        assertThat(pool.lookup("never-seen-app", Platform.ANDROID, new DeviceIds(null, null, null, GAID, null, null))).isEmpty();
    }

    @Test
    void aCheckWithoutIdentifiersIsRefusedBeforeAnythingIsWritten() {
        ActivationCheck good = android("e1", null, GAID, null, null);
        ActivationCheck empty = new ActivationCheck("app-1", Platform.IOS, new DeviceIds(null, "00000000-0000-0000-0000-000000000000", null, null, null, null), "e2", null);

        assertThatThrownBy(() -> pool.check(List.of(good, empty))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checks[1].device");
        assertThat(store.entries).isEmpty();
        assertThat(store.layouts).as("not even the app's layout").isEmpty();
    }

    @Test
    void packedValueRoundTripsAndKeepsSecondsAboveTheTag() {
        long packed = PackedValue.pack(1_795_000_000L, 0xABCDEF);

        assertThat(PackedValue.epochSeconds(packed)).isEqualTo(1_795_000_000L);
        assertThat(PackedValue.tag(packed)).isEqualTo(0xABCDEF);
        assertThat(packed).isEqualTo((1_795_000_000L << 24) | 0xABCDEF).isPositive();
        assertThatThrownBy(() -> PackedValue.pack(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedFormIsSevenBigEndianBytesOfSecondsThenTag() {
        long packed = PackedValue.pack(0x6AFE_1234L, 0xABCDEF);
        long last = PackedValue.pack(PackedValue.MAX_EPOCH_SECONDS, 0xFFFFFF);

        assertThat(PackedValue.toBytes(packed)).containsExactly(0x6A, 0xFE, 0x12, 0x34, 0xAB, 0xCD, 0xEF);
        assertThat(PackedValue.fromBytes(PackedValue.toBytes(packed))).isEqualTo(packed);
        assertThat(PackedValue.fromBytes(PackedValue.toBytes(last))).isEqualTo(last);
        assertThat(PackedValue.firstSeen(last)).isEqualTo(Instant.parse("2106-02-07T06:28:15Z"));
        assertThat(PackedValue.fromBytes(PackedValue.toBytes(0))).isZero();
        assertThatThrownBy(() -> PackedValue.pack(PackedValue.MAX_EPOCH_SECONDS + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedValue.fromBytes("1795000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void digestSpreadsIdentifiersOverAllBucketsAndIsStable() {
        PoolDigest digest = new PoolDigest();
        int bits = 6;
        boolean[] seen = new boolean[1 << bits];
        for (int i = 0; i < 5_000; i++) {
            PoolSlot slot = digest.slot("app", bits, new DeviceIdentifier(DeviceIdentifier.Kind.ANDROID_ID, "id-" + i));
            seen[slot.bucket()] = true;
            assertThat(slot.field()).hasSize(PoolDigest.FIELD_BYTES);
        }
        PoolSlot a = digest.slot("app", bits, new DeviceIdentifier(DeviceIdentifier.Kind.GAID, GAID));
        PoolSlot b = new PoolDigest().slot("app", bits, new DeviceIdentifier(DeviceIdentifier.Kind.GAID, GAID));

        assertThat(seen).containsOnly(true);
        assertThat(a.bucket()).isEqualTo(b.bucket());
        assertThat(a.field()).isEqualTo(b.field());
        assertThat(digest.slot("app", 0, new DeviceIdentifier(DeviceIdentifier.Kind.GAID, GAID)).bucket()).isZero();
    }

    @Test
    void slotIsSixBytesOfTheIdentifiersSha256AndItsBucketComesFromBytes8To11() {
        // Pins the storage format: changing it would make every stored device look new.
        String sha256 = PiiHashing.sha256Hex("gaid:" + GAID);

        PoolSlot slot = new PoolDigest().slot("app", 16, new DeviceIdentifier(DeviceIdentifier.Kind.GAID, GAID));

        assertThat(HexFormat.of().formatHex(slot.field())).isEqualTo(sha256.substring(0, 12));
        assertThat(slot.bucket()).isEqualTo(Integer.parseInt(sha256.substring(16, 20), 16));
    }

    private ActivationCheckResult one(ActivationCheck check) {
        return pool.check(List.of(check)).get(0).answer();
    }

    private static ActivationCheck android(String eventId, String occurredAt, String gaid, String androidId, String afId) {
        return new ActivationCheck("app-1", Platform.ANDROID, new DeviceIds(afId, null, null, gaid, null, androidId),
                eventId, occurredAt == null ? null : Instant.parse(occurredAt));
    }
}
