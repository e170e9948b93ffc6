package io.adplatform.ingestion.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckResult;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Money;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final AttributionInfo TIKTOK = new AttributionInfo("tiktokglobal_int", "launch", "de-18-34", "video-1", "E.C.P.abc");

    /** A pool with the real contract's semantics: new once per device, replays of the inserting event answer the same. */
    static final class FakePool implements ActivationPool {
        final Map<String, String> insertedBy = new HashMap<>();
        final Map<String, Instant> firstSeen = new HashMap<>();
        int calls;
        boolean down;

        @Override
        public List<ActivationCheckResult> check(List<ActivationCheck> checks) {
            calls++;
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            List<ActivationCheckResult> out = new ArrayList<>();
            for (ActivationCheck c : checks) {
                String key = c.appId() + ":" + DeviceKeys.primary(c.platform(), c.device()).orElseThrow().asKey();
                boolean isNew = insertedBy.putIfAbsent(key, c.eventId()) == null || insertedBy.get(key).equals(c.eventId());
                firstSeen.putIfAbsent(key, c.occurredAt());
                out.add(new ActivationCheckResult(isNew, firstSeen.get(key), key));
            }
            return out;
        }
    }

    static final class MapStore implements AttributionStore {
        final Map<String, DeviceAttribution> map = new HashMap<>();

        @Override
        public Map<String, DeviceAttribution> findAll(List<String> keys) {
            Map<String, DeviceAttribution> out = new HashMap<>();
            keys.forEach(k -> {
                if (map.containsKey(k)) {
                    out.put(k, map.get(k));
                }
            });
            return out;
        }

        @Override
        public void putAll(Map<String, DeviceAttribution> values) {
            map.putAll(values);
        }
    }

    final FakePool pool = new FakePool();
    final MapStore store = new MapStore();
    final EventRouter router = new EventRouter(pool, store, Clock.fixed(NOW, ZoneOffset.UTC));

    static SdkEvent event(EventType type, String gaid, String androidId, AttributionInfo attribution) {
        Money revenue = type == EventType.PAYMENT ? new Money(new BigDecimal("4.99"), "USD") : null;
        return new SdkEvent(EventIds.newId(), type, null, "com.example.game", Platform.ANDROID,
                new DeviceIds(null, null, null, gaid, null, androidId), null, NOW.minusSeconds(60), NOW, null, null,
                null, revenue, attribution, null, null, null);
    }

    @Test
    void firstActivationIsNewAndItsAttributionFollowsTheDevice() {
        // given an install from a TikTok ad, a second activation and later a payment from the same device
        SdkEvent install = event(EventType.ACTIVATION, "38400000-8cf0-11bd-b23e-10b96e40000d", "9774d56d682e549c", TIKTOK);
        router.route(List.of(install));
        SdkEvent again = event(EventType.ACTIVATION, "38400000-8cf0-11bd-b23e-10b96e40000d", null, null);
        // the payment only carries the Android id (advertising id reset): still the same device
        SdkEvent payment = event(EventType.PAYMENT, null, "9774d56d682e549c", null);

        // when
        List<AttributionEvent> routed = router.route(List.of(again, payment)).events();

        // then
        AttributionEvent first = router.route(List.of(install)).events().get(0); // replay answers the same
        assertThat(first.newDevice()).isTrue();
        assertThat(first.attribution()).isEqualTo(TIKTOK);
        assertThat(routed.get(0).newDevice()).isFalse();
        assertThat(routed.get(0).attribution()).isEqualTo(TIKTOK);
        assertThat(routed.get(1).newDevice()).isFalse();
        assertThat(routed.get(1).attribution()).isEqualTo(TIKTOK);
        assertThat(routed.get(1).firstSeenAt()).isEqualTo(install.occurredAt());
        assertThat(routed.get(1).routedAt()).isEqualTo(NOW);
    }

    @Test
    void activationAndPaymentInTheSameBatch() {
        SdkEvent install = event(EventType.ACTIVATION, "38400000-8cf0-11bd-b23e-10b96e40000e", null, TIKTOK);
        SdkEvent payment = event(EventType.PAYMENT, "38400000-8cf0-11bd-b23e-10b96e40000e", null, null);

        EventRouter.Routed routed = router.route(List.of(install, payment));

        assertThat(routed.newDevices()).isEqualTo(1);
        assertThat(routed.events()).extracting(AttributionEvent::attribution).containsExactly(TIKTOK, TIKTOK);
        assertThat(pool.calls).isEqualTo(1);
    }

    @Test
    void eventsOfUnknownDevicesAreOrganicAndOwnAttributionWins() {
        AttributionInfo meta = new AttributionInfo("Facebook Ads", "retarget", null, null, null);
        SdkEvent login = event(EventType.LOGIN, "38400000-8cf0-11bd-b23e-10b96e40000f", null, null);
        SdkEvent custom = event(EventType.CUSTOM, "38400000-8cf0-11bd-b23e-10b96e40000f", null, meta);

        List<AttributionEvent> routed = router.route(List.of(login, custom)).events();

        assertThat(routed.get(0).attribution()).isEqualTo(AttributionInfo.ORGANIC);
        assertThat(routed.get(0).firstSeenAt()).isNull();
        assertThat(routed.get(1).attribution()).isEqualTo(meta);
        assertThat(pool.calls).isZero(); // no activation, no call
    }

    @Test
    void organicInstallStaysOrganicUntilAReattribution() {
        String gaid = "38400000-8cf0-11bd-b23e-10b96e400010";
        router.route(List.of(event(EventType.ACTIVATION, gaid, null, null)));
        assertThat(router.route(List.of(event(EventType.LOGIN, gaid, null, null))).events().get(0).attribution().isOrganic())
                .isTrue();

        AttributionEvent reinstall = router.route(List.of(event(EventType.ACTIVATION, gaid, null, TIKTOK))).events().get(0);
        assertThat(reinstall.newDevice()).isFalse();
        assertThat(router.route(List.of(event(EventType.PAYMENT, gaid, null, null))).events().get(0).attribution())
                .isEqualTo(TIKTOK);
    }

    @Test
    void poolFailureFailsTheWholeBatchAndWritesNothing() {
        pool.down = true;
        SdkEvent install = event(EventType.ACTIVATION, "38400000-8cf0-11bd-b23e-10b96e400011", null, TIKTOK);

        assertThatThrownBy(() -> router.route(List.of(install))).hasMessageContaining("connection refused");
        assertThat(store.map).isEmpty();
    }

    @Test
    void largeBatchesAreSplitIntoContractSizedCalls() {
        List<SdkEvent> events = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2500; i++) {
            String gaid = String.format("38400000-8cf0-11bd-b23e-%012x", i);
            events.add(event(EventType.ACTIVATION, gaid, null, null));
            ids.add(gaid);
        }
        EventRouter.Routed routed = router.route(events);
        assertThat(pool.calls).isEqualTo(3);
        assertThat(routed.newDevices()).isEqualTo(ids.size());
    }
}
