package io.adplatform.attribution.appsflyer;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.attribution.delivery.DeliveryRequest;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.settings.AppsFlyerSettings;
import io.adplatform.attribution.support.TestEvents;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Money;
import io.adplatform.common.kafka.EventJson;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AppsFlyerClientTest {

    static final Instant AT = Instant.parse("2026-11-20T10:15:30.123Z");
    final AppsFlyerClient client = new AppsFlyerClient(new AppsFlyerProperties(null, null, null));
    final AppsFlyerSettings android = new AppsFlyerSettings(true, "com.example.game", "s2s-key-1234");
    final AppsFlyerSettings ios = new AppsFlyerSettings(true, "id1234567890", "s2s-key-1234");

    static HttpHeaders headers(Map<String, List<String>> h) {
        return HttpHeaders.of(h, (a, b) -> true);
    }

    Prepared prepare(AppsFlyerSettings s, AttributionEvent e, String name, boolean revenue) {
        return client.prepare(new DeliveryRequest(e, name, revenue, s, AT));
    }

    @Test
    void revenueTravelsAsPlainTextInsideTheEventValueString() {
        AttributionEvent refund = TestEvents.android("e1", "app", "1700000000000-1234567890123456789",
                EventType.PAYMENT, null, new Money(new BigDecimal("-6.00"), "EUR"), false, AT);

        Prepared.Call call = (Prepared.Call) prepare(android, refund, "af_purchase", true);
        JsonNode body = EventJson.mapper().readTree(call.body());

        assertThat(body.get("eventValue").isString()).isTrue();
        assertThat(body.get("eventValue").asString()).isEqualTo("{\"af_revenue\":\"-6\",\"af_currency\":\"EUR\"}");
        assertThat(body.get("eventTime").asString()).isEqualTo("2026-11-20 10:15:30.123");
        assertThat(call.uri().toString()).isEqualTo("https://api3.appsflyer.com/inappevent/com.example.game");
        assertThat(call.headers()).containsEntry("authentication", "s2s-key-1234");
        assertThat(call.toString()).doesNotContain("s2s-key");
    }

    @Test
    void withoutRevenueTheEventValueIsAnEmptyString() {
        AttributionEvent payment = TestEvents.android("e1", "app", "1700000000000-1234567890123456789",
                EventType.PAYMENT, null, TestEvents.usd("1"), false, AT);

        JsonNode body = EventJson.mapper().readTree(((Prepared.Call) prepare(android, payment, "af_purchase", false)).body());

        assertThat(body.get("eventValue").asString()).isEmpty();
        assertThat(body.has("eventCurrency")).isFalse();
    }

    @Test
    void anEventWithoutAValidAppsflyerIdCannotBeSent() {
        AttributionEvent none = TestEvents.android("e1", "app", null, EventType.LOGIN, null, null, false, AT);
        AttributionEvent iosShaped = TestEvents.android("e1", "app", "1700000000000-1234567", EventType.LOGIN, null,
                null, false, AT);

        assertThat(prepare(android, none, "af_login", false)).isInstanceOf(Prepared.Unsendable.class);
        assertThat(((Prepared.Unsendable) prepare(android, iosShaped, "af_login", false)).reason())
                .contains("not a valid Android AppsFlyer id");
    }

    @Test
    void iosNeedsTheOsVersion() {
        AttributionEvent e = TestEvents.ios("e1", "app", "1700000000000-1234567", EventType.LOGIN, null, false, AT);
        var withoutOs = new AttributionEvent(new io.adplatform.common.event.SdkEvent(e.event().eventId(),
                e.event().type(), null, "app", e.event().platform(), e.event().device(), null, AT, AT, null,
                "CFNetwork/1410.0.3 Darwin/22.6.0", null, null, null, null, null, null), false, AT, null, AT);

        assertThat(((Prepared.Unsendable) prepare(ios, withoutOs, "af_login", false)).reason()).contains("OS version");
        assertThat(EventJson.mapper().readTree(((Prepared.Call) prepare(ios, e, "af_login", false)).body())
                .get("os").asString()).isEqualTo("17.1");
    }

    @Test
    void optionalFieldsAreDroppedToStayWithinOneKilobyte() {
        AttributionEvent e = TestEvents.android("e1", "app", "1700000000000-1234567890123456789", EventType.LOGIN,
                null, null, false, AT);
        var big = new AttributionEvent(new io.adplatform.common.event.SdkEvent(e.event().eventId(), e.event().type(),
                null, "app", e.event().platform(), e.event().device(), "u".repeat(400), AT, AT, "203.0.113.7", null,
                null, null, null, TestEvents.USER, "v".repeat(300), null), false, AT, null, AT);

        Prepared.Call call = (Prepared.Call) prepare(android, big, "af_login", false);

        assertThat(call.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(EventJson.mapper().readTree(call.body()).has("app_version_name")).isFalse();
        assertThat(EventJson.mapper().readTree(call.body()).get("appsflyer_id").asString()).isNotBlank();
    }

    @Test
    void classifiesPlainTextAnswers() {
        HttpHeaders none = headers(Map.of());
        assertThat(client.classify(200, none, "OK").verdict()).isEqualTo(PartnerAnswer.Verdict.DELIVERED);
        assertThat(client.classify(500, none, "Internal Server Error").verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(503, none, "").verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(408, none, "").verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(501, none, "").verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
        assertThat(client.classify(505, none, "").verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
        PartnerAnswer limited = client.classify(429, headers(Map.of("Retry-After", List.of("30"))), "Too Many Requests");
        assertThat(limited.verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        PartnerAnswer bad = client.classify(400, none, "appsflyer_id is a mandatory field\n");
        assertThat(bad.verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
        assertThat(bad.detail()).isEqualTo("HTTP 400: appsflyer_id is a mandatory field");
        assertThat(client.classify(401, none, "Unauthorized").verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
    }

    @Test
    void theWindowClosesAtTwoUtcTheNextDay() {
        assertThat(client.windowEnd(Instant.parse("2026-11-20T00:00:00Z"))).isEqualTo(Instant.parse("2026-11-21T02:00:00Z"));
        assertThat(client.windowEnd(Instant.parse("2026-11-20T23:59:59Z"))).isEqualTo(Instant.parse("2026-11-21T02:00:00Z"));
    }
}
