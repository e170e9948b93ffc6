package io.adplatform.common.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which identifier names a device, in which order, and how each is normalised. One rule for the whole platform, so
 * ingestion's partition key and the activation pool agree.
 *
 * <p>Priority (most stable across reinstall first, per platform):
 * <ul>
 *   <li>iOS: IDFA → IDFV → AppsFlyer id</li>
 *   <li>Android: GAID → OAID → Android id → AppsFlyer id</li>
 *   <li>platform unknown: IDFA → GAID → OAID → IDFV → Android id → AppsFlyer id</li>
 * </ul>
 * Advertising ids that are all zeros (tracking denied / limited) count as absent. UUID-shaped ids are lower-cased.
 * The activation pool looks at every identifier an event carries, not only the first: a device is new only when none
 * of them has been seen, so a reset advertising id next to an unchanged vendor or Android id is not a new install.
 */
public final class DeviceKeys {

    private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";

    private DeviceKeys() {
    }

    /** All usable identifiers of the device, highest priority first. */
    public static List<DeviceIdentifier> ordered(Platform platform, DeviceIds ids) {
        List<DeviceIdentifier> out = new ArrayList<>(6);
        if (ids == null) {
            return out;
        }
        if (platform == Platform.IOS) {
            add(out, DeviceIdentifier.Kind.IDFA, ids.idfa());
            add(out, DeviceIdentifier.Kind.IDFV, ids.idfv());
        } else if (platform == Platform.ANDROID) {
            add(out, DeviceIdentifier.Kind.GAID, ids.gaid());
            add(out, DeviceIdentifier.Kind.OAID, ids.oaid());
            add(out, DeviceIdentifier.Kind.ANDROID_ID, ids.androidId());
        } else {
            add(out, DeviceIdentifier.Kind.IDFA, ids.idfa());
            add(out, DeviceIdentifier.Kind.GAID, ids.gaid());
            add(out, DeviceIdentifier.Kind.OAID, ids.oaid());
            add(out, DeviceIdentifier.Kind.IDFV, ids.idfv());
            add(out, DeviceIdentifier.Kind.ANDROID_ID, ids.androidId());
        }
        add(out, DeviceIdentifier.Kind.APPSFLYER_ID, ids.appsflyerId());
        return out;
    }

    /** The identifier that names the device: the first of {@link #ordered}. */
    public static Optional<DeviceIdentifier> primary(Platform platform, DeviceIds ids) {
        List<DeviceIdentifier> all = ordered(platform, ids);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim();
        if (v.isEmpty()) {
            return null;
        }
        v = v.toLowerCase(Locale.ROOT);
        return ZERO_UUID.equals(v) ? null : v;
    }

    private static void add(List<DeviceIdentifier> out, DeviceIdentifier.Kind kind, String raw) {
        String v = normalise(raw);
        if (v != null) {
            out.add(new DeviceIdentifier(kind, v));
        }
    }
}
