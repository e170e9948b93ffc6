package io.adplatform.attribution.support;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.HashedUserData;
import io.adplatform.common.event.Money;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.pii.PiiHashing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Routed events as the ingestion router would publish them. */
public final class TestEvents {

    public static final HashedUserData USER = PiiHashing.hash("Someone@Example.com", "+1 (213) 373-4253");

    private TestEvents() {
    }

    /** A random Android AppsFlyer id ({@code \d{13}-\d{19}}). */
    public static String androidAfId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%013d-%019d", r.nextLong(1_000_000_000_000L, 9_999_999_999_999L),
                r.nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE));
    }

    /** A random iOS AppsFlyer id ({@code \d{13}-\d{7}}). */
    public static String iosAfId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%013d-%07d", r.nextLong(1_000_000_000_000L, 9_999_999_999_999L), r.nextInt(1_000_000, 9_999_999));
    }

    public static AttributionEvent android(String appId, EventType type, String eventName, Money revenue,
                                           boolean newDevice, Instant occurredAt) {
        return android(EventIds.newId(), appId, androidAfId(), type, eventName, revenue, newDevice, occurredAt);
    }

    public static AttributionEvent android(String eventId, String appId, String afId, EventType type, String eventName,
                                           Money revenue, boolean newDevice, Instant occurredAt) {
        SdkEvent e = new SdkEvent(eventId, type, eventName, appId, Platform.ANDROID,
                new DeviceIds(afId, null, null, "38400000-8cf0-11bd-b23e-10b96e40000d", null, "9774d56d682e549c"),
                "user-42", occurredAt, occurredAt.plusMillis(500), "203.0.113.7",
                "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UD1A.230803.041)", "US", revenue,
                new AttributionInfo("facebook_ads", "summer", "set-1", "ad-9", "IwAR123"), USER, "2.3.1",
                Map.of("os_version", "14", "device_model", "Pixel 8", "locale", "en_US"));
        return new AttributionEvent(e, newDevice, occurredAt, e.attribution(), occurredAt.plusSeconds(1));
    }

    public static AttributionEvent ios(String eventId, String appId, String afId, EventType type, Money revenue,
                                       boolean newDevice, Instant occurredAt) {
        SdkEvent e = new SdkEvent(eventId, type, null, appId, Platform.IOS,
                new DeviceIds(afId, "6D92078A-8246-4BA4-AE5B-76104861E7DC", "A1B2C3D4-E5F6-4A1B-8C2D-0E1F2A3B4C5D",
                        null, null, null),
                "user-7", occurredAt, occurredAt.plusMillis(500), "198.51.100.23",
                "MyGame/2.3.1 (iPhone; iOS 17.1; Scale/3.00)", "GB", revenue,
                new AttributionInfo("tiktok_int", "launch", null, null, "E.C.P.abc"), USER, "2.3.1",
                Map.of("att_status", "3"));
        return new AttributionEvent(e, newDevice, occurredAt, e.attribution(), occurredAt.plusSeconds(1));
    }

    public static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }
}
