package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThrottlingTest {

    final Throttling t = new Throttling(Duration.ofMinutes(1), Duration.ofSeconds(10), 95);

    @Test
    void throttlingCodesAreMetasAndNothingElse() {
        assertThat(Throttling.metaThrottled(4)).isTrue();
        assertThat(Throttling.metaThrottled(17)).isTrue();
        assertThat(Throttling.metaThrottled(613)).isTrue();
        assertThat(Throttling.metaThrottled(80004)).isTrue();
        assertThat(Throttling.metaThrottled(80014)).isTrue();
        assertThat(Throttling.metaThrottled(100)).isFalse();
        assertThat(Throttling.metaThrottled(2)).isFalse();
        assertThat(Throttling.metaThrottled(80015)).isFalse();
    }

    @Test
    void theAnnouncedWaitIsHonouredAndAHighUsageRestsBeforeBeingRefused() {
        MetaUsage usage = MetaUsage.of("{\"123\":[{\"type\":\"ads_management\",\"call_count\":100,\"total_cputime\":3,"
                + "\"total_time\":4,\"estimated_time_to_regain_access\":3}]}");
        assertThat(usage.percent()).isEqualTo(100);
        assertThat(t.metaRest(usage, true)).isEqualTo(Duration.ofMinutes(3));
        assertThat(t.metaRest(MetaUsage.of("{\"1\":[{\"call_count\":96}]}"), false)).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.metaRest(MetaUsage.of("{\"1\":[{\"call_count\":20}]}"), false)).isZero();
        assertThat(t.metaRest(MetaUsage.NONE, true)).isEqualTo(Duration.ofSeconds(10));
        assertThat(MetaUsage.of("not json")).isEqualTo(MetaUsage.NONE);
    }

    @Test
    void anAccountRestsUntilItsTimeAndTheLongerRestWins() {
        Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
        Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
        AccountRest rest = new AccountRest(new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return clock[0].instant(); }
        });
        rest.rest(1, Duration.ofSeconds(30));
        rest.rest(1, Duration.ofSeconds(5));
        assertThat(rest.remaining(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(rest.remaining(2)).isZero();
        clock[0] = Clock.fixed(t0.plusSeconds(31), ZoneOffset.UTC);
        assertThat(rest.remaining(1)).isZero();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.after(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.after(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void referencesStayReadableInAnEncodedBody() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("name", "A & B [adp:1:a1]");
        f.put("creative", "{\"creative_id\":\"" + MetaRequests.reference("a1-k") + "\"}");
        f.put("adset_id", MetaRequests.reference("a1-u2"));
        String body = MetaRequests.encode(f);
        assertThat(body).contains("{result=a1-k:$.id}").contains("adset_id={result=a1-u2:$.id}")
                .contains("name=A+%26+B+%5Badp%3A1%3Aa1%5D");
    }
}
