package io.adplatform.attribution.delivery;

import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Facts about an event that several partner adapters read the same way. */
public final class EventFacts {

    private static final Pattern IOS_UA = Pattern.compile("(?:iPhone OS|CPU OS|iOS|iPadOS)[ /](\\d+(?:[._]\\d+){0,2})");
    private static final Pattern ANDROID_UA = Pattern.compile("Android[ /](\\d+(?:\\.\\d+){0,2})");
    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

    private EventFacts() {
    }

    /** The first non-blank of these free-form properties (SDKs spell them differently). */
    public static String property(SdkEvent e, String... names) {
        Map<String, String> p = e.properties();
        if (p == null) {
            return null;
        }
        for (String n : names) {
            String v = p.get(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** OS version from the properties ({@code os_version}) or, failing that, the user agent. */
    public static String osVersion(SdkEvent e) {
        String v = property(e, "os_version", "osVersion");
        if (v != null) {
            return v;
        }
        if (e.userAgent() != null) {
            Matcher m = (e.platform() == Platform.ANDROID ? ANDROID_UA : IOS_UA).matcher(e.userAgent());
            if (m.find()) {
                return m.group(1).replace('_', '.');
            }
        }
        return null;
    }

    /** The advertising id when tracking is allowed: IDFA on iOS, GAID on Android; null when absent or zeroed. */
    public static String advertisingId(SdkEvent e) {
        if (e.device() == null) {
            return null;
        }
        return e.platform() == Platform.IOS ? DeviceKeys.normalise(e.device().idfa())
                : DeviceKeys.normalise(e.device().gaid());
    }

    public static String normalised(String id) {
        return DeviceKeys.normalise(id);
    }

    /** The IP when it is IPv4 (AppsFlyer takes only those). */
    public static String ipv4(String ip) {
        return ip != null && IPV4.matcher(ip).matches() ? ip : null;
    }

    /** The click id when the event is attributed to a media source whose name contains one of {@code sources}. */
    public static String clickIdFrom(AttributionInfo attribution, String... sources) {
        if (attribution == null || attribution.clickId() == null || attribution.isOrganic()) {
            return null;
        }
        String media = attribution.mediaSource().toLowerCase(Locale.ROOT);
        for (String s : sources) {
            if (media.contains(s)) {
                return attribution.clickId();
            }
        }
        return null;
    }

    /** Adds a field only when it has a value: partners treat "" and null differently from absent. */
    public static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    /** Adds {@code field: [value]} only when there is a value. */
    public static void putArray(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            ArrayNode a = node.putArray(field);
            a.add(value);
        }
    }
}
