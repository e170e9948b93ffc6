package io.adplatform.ingestion.router;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.activation.ActivationCheckResult;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.DeviceIdentifier;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.SdkEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a poll's worth of SDK events into attribution events, in order.
 *
 * <ul>
 *   <li>Activations are checked with the activation pool in one call per batch (chunks of
 *       {@link ActivationCheckRequest#MAX_CHECKS}). {@code newDevice} is the pool's answer, which a replay of the same
 *       event id repeats, so a batch processed twice (aborted transaction) routes the same way.</li>
 *   <li>An activation's attribution is its own, else organic; the device's install attribution and first-seen time
 *       are remembered under every identifier of the device. A repeat activation without attribution of its own gets
 *       the remembered install attribution; with attribution of its own (re-attribution) it replaces it.</li>
 *   <li>Any other event keeps its own attribution, else gets the device's remembered one, else organic.</li>
 * </ul>
 */
public final class EventRouter {

    private final ActivationPool pool;
    private final AttributionStore store;
    private final Clock clock;

    public EventRouter(ActivationPool pool, AttributionStore store, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.clock = clock;
    }

    /** Routing of one batch, plus how many activations came from new devices. */
    public record Routed(List<AttributionEvent> events, int newDevices) {
    }

    public Routed route(List<SdkEvent> events) {
        Map<Integer, ActivationCheckResult> answers = askPool(events);
        Map<String, DeviceAttribution> known = store.findAll(keysToLookUp(events));
        Map<String, DeviceAttribution> toStore = new HashMap<>();
        Instant routedAt = clock.instant();
        List<AttributionEvent> out = new ArrayList<>(events.size());
        int newDevices = 0;

        for (int i = 0; i < events.size(); i++) {
            SdkEvent e = events.get(i);
            List<String> keys = appDeviceKeys(e);
            DeviceAttribution remembered = firstKnown(keys, known);
            if (e.type() == EventType.ACTIVATION) {
                ActivationCheckResult answer = answers.get(i);
                AttributionInfo attribution;
                if (e.attribution() != null) {
                    attribution = e.attribution();
                } else if (!answer.newDevice() && remembered != null) {
                    attribution = remembered.attribution();
                } else {
                    attribution = AttributionInfo.ORGANIC;
                }
                boolean reattribution = !answer.newDevice() && e.attribution() != null && !e.attribution().isOrganic();
                if (answer.newDevice() || reattribution || remembered == null) {
                    DeviceAttribution device = new DeviceAttribution(attribution, answer.firstSeenAt());
                    for (String key : keys) {
                        known.put(key, device); // later events of this batch see it too
                        toStore.put(key, device);
                    }
                }
                if (answer.newDevice()) {
                    newDevices++;
                }
                out.add(new AttributionEvent(e, answer.newDevice(), answer.firstSeenAt(), attribution, routedAt));
            } else {
                AttributionInfo attribution = e.attribution() != null ? e.attribution()
                        : remembered != null ? remembered.attribution() : AttributionInfo.ORGANIC;
                out.add(new AttributionEvent(e, false, remembered == null ? null : remembered.firstSeenAt(),
                        attribution, routedAt));
            }
        }
        if (!toStore.isEmpty()) {
            store.putAll(toStore);
        }
        return new Routed(out, newDevices);
    }

    private Map<Integer, ActivationCheckResult> askPool(List<SdkEvent> events) {
        List<Integer> indexes = new ArrayList<>();
        List<ActivationCheck> checks = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SdkEvent e = events.get(i);
            if (e.type() == EventType.ACTIVATION) {
                indexes.add(i);
                checks.add(new ActivationCheck(e.appId(), e.platform(), e.device(), e.eventId(), e.occurredAt()));
            }
        }
        Map<Integer, ActivationCheckResult> answers = new HashMap<>();
        for (int from = 0; from < checks.size(); from += ActivationCheckRequest.MAX_CHECKS) {
            int to = Math.min(checks.size(), from + ActivationCheckRequest.MAX_CHECKS);
            List<ActivationCheckResult> results = pool.check(checks.subList(from, to));
            if (results == null || results.size() != to - from) {
                throw new IllegalStateException("the activation pool answered " + (results == null ? 0 : results.size())
                        + " results for " + (to - from) + " checks");
            }
            for (int k = from; k < to; k++) {
                answers.put(indexes.get(k), results.get(k - from));
            }
        }
        return answers;
    }

    private static List<String> keysToLookUp(List<SdkEvent> events) {
        Set<String> keys = new LinkedHashSet<>();
        for (SdkEvent e : events) {
            keys.addAll(appDeviceKeys(e));
        }
        return new ArrayList<>(keys);
    }

    /** Every identifier of the device, highest priority first, as {@code appId:kind:value}. */
    static List<String> appDeviceKeys(SdkEvent e) {
        List<DeviceIdentifier> ids = DeviceKeys.ordered(e.platform(), e.device());
        List<String> keys = new ArrayList<>(ids.size());
        for (DeviceIdentifier id : ids) {
            keys.add(e.appId() + ':' + id.asKey());
        }
        return keys;
    }

    private static DeviceAttribution firstKnown(List<String> keys, Map<String, DeviceAttribution> known) {
        for (String key : keys) {
            DeviceAttribution d = known.get(key);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
