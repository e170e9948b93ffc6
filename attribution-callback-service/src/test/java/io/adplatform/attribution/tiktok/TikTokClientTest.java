package io.adplatform.attribution.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.attribution.delivery.DeliveryRequest;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.settings.TikTokSettings;
import io.adplatform.attribution.support.TestEvents;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventType;
import io.adplatform.common.kafka.EventJson;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TikTokClientTest {

    static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    final TikTokClient client = new TikTokClient(new TikTokProperties(null, null, null));
    final HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);

    static String answer(int code) {
        return "{\"code\":" + code + ",\"message\":\"m\",\"request_id\":\"r1\",\"data\":{}}";
    }

    @Test
    void buildsAnAppEventWithTheStoreAppIdAndE164Phone() {
        TikTokSettings s = new TikTokSettings(true, "SRC1", "tt-token-123", "1234567890", "TEST1");
        AttributionEvent e = TestEvents.ios("e1", "app", null, EventType.PAYMENT, TestEvents.usd("4.99"), false, AT);

        Prepared.Call call = (Prepared.Call) client.prepare(new DeliveryRequest(e, "CompletePayment", true, s, AT));
        JsonNode body = EventJson.mapper().readTree(call.body());

        assertThat(call.uri().toString()).isEqualTo("https://business-api.tiktok.com/open_api/v1.3/event/track/");
        assertThat(call.headers()).containsEntry("Access-Token", "tt-token-123");
        assertThat(body.get("test_event_code").asString()).isEqualTo("TEST1");
        assertThat(body.at("/data/0/app/app_id").asString()).isEqualTo("1234567890");
        assertThat(body.at("/data/0/user/phone/0").asString()).isEqualTo(TestEvents.USER.phoneE164Sha256());
        assertThat(body.at("/data/0/properties/value").decimalValue()).isEqualByComparingTo("4.99");
        assertThat(TikTokClient.attStatus("2")).isEqualTo("DENIED");
    }

    @Test
    void classifiesTheCodeInsideHttp200() {
        assertThat(client.classify(200, none, answer(0)).verdict()).isEqualTo(PartnerAnswer.Verdict.DELIVERED);
        assertThat(client.classify(200, none, answer(40100)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(200, none, answer(50002)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(500, none, answer(50000)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(502, none, "<html>bad gateway</html>").verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        PartnerAnswer auth = client.classify(200, none, answer(40105));
        assertThat(auth.verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
        assertThat(auth.detail()).isEqualTo("TikTok code 40105: m (request_id r1)");
        assertThat(client.classify(200, none, answer(40002)).verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
    }
}
