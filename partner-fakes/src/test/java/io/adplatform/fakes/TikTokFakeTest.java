package io.adplatform.fakes;

import static io.adplatform.fakes.FakeRequests.NOW;
import static io.adplatform.fakes.FakeRequests.SHA;
import static io.adplatform.fakes.FakeRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TikTokFakeTest {

    static final String SOURCE = "TTAPPSOURCE1";
    static final String TOKEN = "tt-token";

    TikTokFake fake;

    @BeforeEach
    void setUp() {
        fake = new TikTokFake(FakeRequests.CLOCK, 1000);
        fake.register(SOURCE, TOKEN).register("OTHER", "other-token");
    }

    static String event(String id) {
        return "{\"event\":\"CompletePayment\",\"event_time\":" + NOW.getEpochSecond() + ",\"event_id\":\"" + id + "\","
                + "\"user\":{\"email\":[\"" + SHA + "\"],\"phone\":[\"" + SHA + "\"],\"ip\":\"203.0.113.7\","
                + "\"idfa\":\"6d92078a-8246-4ba4-ae5b-76104861e7dc\"},"
                + "\"properties\":{\"currency\":\"USD\",\"value\":9.99},\"app\":{\"app_id\":\"id1234567890\"}}";
    }

    static String body(String source, String... events) {
        return "{\"event_source\":\"app\",\"event_source_id\":\"" + source + "\",\"data\":[" + String.join(",", events) + "]}";
    }

    ReceivedRequest send(String token, String body) {
        Map<String, String> headers = token == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Access-Token", token);
        return fake.handle(post(TikTokFake.PATH, headers, body));
    }

    static JsonNode json(ReceivedRequest r) {
        return FakeJson.MAPPER.readTree(r.response());
    }

    @Test
    void acceptsAValidRequestWithCodeZero() {
        ReceivedRequest r = send(TOKEN, body(SOURCE, event("e1")));

        assertThat(r.accepted()).isTrue();
        assertThat(json(r).get("code").asInt()).isZero();
        assertThat(json(r).get("message").asString()).isEqualTo("OK");
        assertThat(json(r).get("request_id").asString()).startsWith("20261120101530");
        assertThat(r.eventIds()).containsExactly("e1");
    }

    @Test
    void refusesMissingOrWrongTokensWithHttp200AndAnErrorCode() {
        ReceivedRequest missing = send(null, body(SOURCE, event("e1")));
        ReceivedRequest wrong = send("nope", body(SOURCE, event("e1")));
        ReceivedRequest foreign = send("other-token", body(SOURCE, event("e1")));

        assertThat(missing.status()).isEqualTo(200);
        assertThat(json(missing).get("code").asInt()).isEqualTo(40104);
        assertThat(json(wrong).get("code").asInt()).isEqualTo(40105);
        assertThat(json(foreign).get("code").asInt()).isEqualTo(40001);
        assertThat(fake.acceptedEventCount()).isZero();
    }

    @Test
    void requiresEventSourceEventTimeAndEventId() {
        assertThat(json(send(TOKEN, body(SOURCE, event("e1")).replace("\"app\",", "\"tv\","))).get("code").asInt())
                .isEqualTo(40002);
        assertThat(send(TOKEN, body(SOURCE, event("e1").replaceFirst("\"event_time\":\\d+,", ""))).reason())
                .contains("event_time");
        assertThat(send(TOKEN, body(SOURCE, event("e1").replace("\"event_id\":\"e1\",", ""))).reason())
                .contains("event_id");
        assertThat(send(TOKEN, body(SOURCE, event("e1").replace("\"event\":\"CompletePayment\",", ""))).reason())
                .contains("event:");
        assertThat(send(TOKEN, body(SOURCE)).reason()).contains("data");
    }

    @Test
    void refusesUnhashedUserFieldsAndMissingAppIdForAppEvents() {
        assertThat(send(TOKEN, body(SOURCE, event("e1").replace("\"email\":[\"" + SHA + "\"]", "\"email\":[\"a@b.co\"]")))
                .reason()).contains("user.email");
        assertThat(send(TOKEN, body(SOURCE, event("e1").replace(",\"app\":{\"app_id\":\"id1234567890\"}", "")))
                .reason()).contains("app.app_id");
        assertThat(send(TOKEN, body(SOURCE, event("e1").replace("\"value\":9.99", "\"value\":\"9.99\""))).reason())
                .contains("properties.value");
    }

    @Test
    void refusesMalformedJson() {
        assertThat(json(send(TOKEN, "{\"data\":")).get("code").asInt()).isEqualTo(40002);
    }

    @Test
    void deduplicatesOnEventAndEventId() {
        send(TOKEN, body(SOURCE, event("e1")));
        send(TOKEN, body(SOURCE, event("e1"), event("e2")));

        assertThat(fake.acceptedEventCount()).isEqualTo(3);
        assertThat(fake.uniqueEventCount()).isEqualTo(2);
        assertThat(fake.duplicateCount()).isEqualTo(1);
    }

    @Test
    void scriptedRateLimitCarriesCode40100() {
        fake.failNext(1, 429);

        ReceivedRequest r = send(TOKEN, body(SOURCE, event("e1")));

        assertThat(r.status()).isEqualTo(429);
        assertThat(json(r).get("code").asInt()).isEqualTo(40100);
        assertThat(send(TOKEN, body(SOURCE, event("e1"))).accepted()).isTrue();
    }
}
