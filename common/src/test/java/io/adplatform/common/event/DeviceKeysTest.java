package io.adplatform.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeviceKeysTest {

    @Test
    void androidPrefersGaidThenOaidThenAndroidIdThenAppsflyer() {
        DeviceIds ids = new DeviceIds("1700000000000-1234567890123456789", null, null,
                "38400000-8CF0-11BD-B23E-10B96E40000D", "oaid-1", "9774d56d682e549c");

        assertThat(DeviceKeys.ordered(Platform.ANDROID, ids)).extracting(DeviceIdentifier::asKey).containsExactly(
                "gaid:38400000-8cf0-11bd-b23e-10b96e40000d", "oaid:oaid-1", "android_id:9774d56d682e549c",
                "appsflyer_id:1700000000000-1234567890123456789");
    }

    @Test
    void zeroedAdvertisingIdCountsAsAbsent() {
        DeviceIds ids = new DeviceIds(null, "00000000-0000-0000-0000-000000000000", "ABC-vendor", null, null, null);

        assertThat(DeviceKeys.primary(Platform.IOS, ids)).contains(new DeviceIdentifier(DeviceIdentifier.Kind.IDFV, "abc-vendor"));
    }

    @Test
    void noIdentifiersMeansNoKey() {
        assertThat(DeviceKeys.primary(Platform.IOS, new DeviceIds(null, " ", null, null, null, null))).isEmpty();
    }

    @Test
    void eventIdsAreVersion7AndTimeOrdered() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
        String a = EventIds.newId(clock);

        assertThat(EventIds.isValid(a)).isTrue();
        assertThat(EventIds.timestampMillis(a)).isEqualTo(clock.millis());
        assertThat(EventIds.newId(Clock.offset(clock, java.time.Duration.ofMillis(1)))).isGreaterThan(a);
    }
}
