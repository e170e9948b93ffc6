package io.adplatform.attribution.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.attribution.delivery.DeliveryRequest;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.settings.MetaSettings;
import io.adplatform.attribution.support.TestEvents;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventType;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaClientTest {

    static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
    final MetaClient client = new MetaClient(new MetaProperties(null, null, null, null));
    final MetaSettings settings = new MetaSettings(true, "1234567890", "meta-token-xyz", "TEST123");

    static HttpHeaders headers(Map<String, List<String>> h) {
        return HttpHeaders.of(h, (a, b) -> true);
    }

    static String error(int code, Integer subcode, boolean transientError) {
        return "{\"error\":{\"message\":\"msg\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"is_transient\":" + transientError
                + ",\"error_user_msg\":\"user msg\",\"fbtrace_id\":\"AbC\"}}";
    }

    @Test
    void theTokenTravelsInTheFormBodyNotTheUrl() {
        AttributionEvent purchase = TestEvents.android("e1", "app", null, EventType.PAYMENT, null, TestEvents.usd("9.99"),
                false, AT);

        Prepared.Call call = (Prepared.Call) client.prepare(new DeliveryRequest(purchase, "Purchase", true, settings, AT));

        assertThat(call.uri().toString()).isEqualTo("https://graph.facebook.com/v21.0/1234567890/events");
        assertThat(call.body()).contains("access_token=meta-token-xyz", "test_event_code=TEST123", "data=%5B%7B");
        assertThat(call.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    void aPurchaseWithoutRevenueCannotGoToMeta() {
        AttributionEvent login = TestEvents.android("e1", "app", null, EventType.LOGIN, null, null, false, AT);

        assertThat(client.prepare(new DeliveryRequest(login, "Purchase", true, settings, AT)))
                .isInstanceOf(Prepared.Unsendable.class);
    }

    @Test
    void retriesTransientAndThrottledErrorsAndHonoursTheRegainTime() {
        HttpHeaders none = headers(Map.of());
        assertThat(client.classify(400, none, error(17, null, false)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(400, none, error(613, null, false)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(400, none, error(80004, null, false)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(400, none, error(2, null, true)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(client.classify(500, none, error(1, null, false)).verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        PartnerAnswer throttled = client.classify(400, headers(Map.of("X-Business-Use-Case-Usage", List.of(
                "{\"1234\":[{\"type\":\"ads_management\",\"call_count\":100,\"estimated_time_to_regain_access\":7}]}"))),
                error(80000, null, false));
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void rejectsOtherErrorsWithMetasMessage() {
        PartnerAnswer stale = client.classify(400, headers(Map.of()), error(100, 2804003, false));

        assertThat(stale.verdict()).isEqualTo(PartnerAnswer.Verdict.REJECT);
        assertThat(stale.detail()).isEqualTo("Meta error 100/2804003: msg — user msg (fbtrace_id AbC)");
        assertThat(client.classify(400, headers(Map.of()), error(190, null, false)).verdict())
                .isEqualTo(PartnerAnswer.Verdict.REJECT);
        assertThat(client.classify(200, headers(Map.of()), "{\"events_received\":0,\"messages\":[]}").verdict())
                .isEqualTo(PartnerAnswer.Verdict.REJECT);
        assertThat(client.classify(200, headers(Map.of()), "{\"events_received\":1,\"messages\":[],\"fbtrace_id\":\"x\"}")
                .verdict()).isEqualTo(PartnerAnswer.Verdict.DELIVERED);
    }

    @Test
    void theWindowIsSevenDays() {
        assertThat(client.windowEnd(AT)).isEqualTo(AT.plus(Duration.ofDays(7)));
    }
}
