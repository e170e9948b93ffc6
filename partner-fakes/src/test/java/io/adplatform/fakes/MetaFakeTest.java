package io.adplatform.fakes;

import static io.adplatform.fakes.FakeRequests.NOW;
import static io.adplatform.fakes.FakeRequests.SHA;
import static io.adplatform.fakes.FakeRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MetaFakeTest {

    static final String DATASET = "1234567890123456";
    static final String TOKEN = "meta-token";
    static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    MetaFake fake;

    @BeforeEach
    void setUp() {
        fake = new MetaFake(FakeRequests.CLOCK, 1000);
        fake.register(DATASET, TOKEN).register("999", "other-token");
    }

    static String event(String name, String id, long time) {
        return "{\"event_name\":\"" + name + "\",\"event_time\":" + time + ",\"event_id\":\"" + id + "\","
                + "\"action_source\":\"app\",\"user_data\":{\"em\":[\"" + SHA + "\"],\"client_ip_address\":\"203.0.113.7\","
                + "\"madid\":\"38400000-8cf0-11bd-b23e-10b96e40000d\"},"
                + "\"app_data\":{\"advertiser_tracking_enabled\":1,\"application_tracking_enabled\":1,"
                + "\"extinfo\":[\"a2\",\"com.example\",\"1.0\",\"1.0\",\"14\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"]},"
                + "\"custom_data\":{\"currency\":\"USD\",\"value\":9.99}}";
    }

    static String good(String id) {
        return event("Purchase", id, NOW.getEpochSecond() - 60);
    }

    ReceivedRequest sendForm(String dataset, String token, String data) {
        String body = "data=" + URLEncoder.encode(data, StandardCharsets.UTF_8)
                + (token == null ? "" : "&access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return fake.handle(post("/v21.0/" + dataset + "/events", FORM, body));
    }

    static JsonNode json(ReceivedRequest r) {
        return FakeJson.MAPPER.readTree(r.response());
    }

    @Test
    void acceptsAValidFormPostAndAnswersEventsReceived() {
        ReceivedRequest r = sendForm(DATASET, TOKEN, "[" + good("e1") + "," + good("e2") + "]");

        assertThat(r.accepted()).isTrue();
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("events_received").asInt()).isEqualTo(2);
        assertThat(json(r).get("messages").isArray()).isTrue();
        assertThat(json(r).get("fbtrace_id").asString()).hasSize(11);
        assertThat(r.eventIds()).containsExactly("e1", "e2");
    }

    @Test
    void acceptsTheTokenInTheQueryAndAJsonBody() {
        ReceivedRequest r = fake.handle(post("/v21.0/" + DATASET + "/events", "access_token=" + TOKEN,
                Map.of("Content-Type", "application/json"), "{\"data\":[" + good("e1") + "]}"));

        assertThat(r.accepted()).isTrue();
    }

    @Test
    void refusesAnUnknownTokenWithCode190AndAForeignDatasetWithSubcode33() {
        ReceivedRequest unknown = sendForm(DATASET, "nope", "[" + good("e1") + "]");
        ReceivedRequest foreign = sendForm(DATASET, "other-token", "[" + good("e1") + "]");
        ReceivedRequest missing = sendForm(DATASET, null, "[" + good("e1") + "]");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(json(unknown).at("/error/code").asInt()).isEqualTo(190);
        assertThat(json(unknown).at("/error/type").asString()).isEqualTo("OAuthException");
        assertThat(json(foreign).at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(missing.accepted()).isFalse();
        assertThat(fake.acceptedEventCount()).isZero();
    }

    @Test
    void oneEventOlderThanSevenDaysFailsTheWholeRequest() {
        String stale = event("Purchase", "old", NOW.getEpochSecond() - 7 * 86400 - 1);
        ReceivedRequest r = sendForm(DATASET, TOKEN, "[" + good("fresh") + "," + stale + "]");

        assertThat(r.status()).isEqualTo(400);
        JsonNode err = json(r).get("error");
        assertThat(err.get("code").asInt()).isEqualTo(100);
        assertThat(err.get("error_subcode").asInt()).isEqualTo(2804003);
        assertThat(err.get("is_transient").asBoolean()).isFalse();
        assertThat(err.get("error_user_title").asString()).isEqualTo("Event Timestamp Too Old");
        assertThat(err.get("fbtrace_id").asString()).isNotBlank();
        assertThat(fake.timesAccepted("fresh")).isZero();
    }

    @Test
    void refusesAnEventInTheFuture() {
        ReceivedRequest r = sendForm(DATASET, TOKEN, "[" + event("Purchase", "f", NOW.getEpochSecond() + 3600) + "]");

        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2804004);
    }

    @Test
    void refusesUnhashedUserData() {
        String unhashed = good("e1").replace("[\"" + SHA + "\"]", "\"someone@example.com\"");
        ReceivedRequest r = sendForm(DATASET, TOKEN, "[" + unhashed + "]");

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/error_subcode").asInt()).isEqualTo(2804016);
        assertThat(json(r).at("/error/error_user_msg").asString()).contains("user_data.em");
    }

    @Test
    void requiresEventNameEventTimeActionSourceAndUserData() {
        assertThat(sendForm(DATASET, TOKEN, "[" + good("e").replace("\"event_name\":\"Purchase\",", "") + "]").reason())
                .contains("event_name");
        assertThat(sendForm(DATASET, TOKEN, "[" + good("e").replaceFirst("\"event_time\":\\d+,", "") + "]").reason())
                .contains("event_time");
        assertThat(sendForm(DATASET, TOKEN, "[" + good("e").replace("\"action_source\":\"app\",", "") + "]").reason())
                .contains("action_source");
        assertThat(sendForm(DATASET, TOKEN, "[" + good("e").replace("\"action_source\":\"app\"", "\"action_source\":\"tv\"") + "]").reason())
                .contains("action_source");
        String noUser = good("e").replaceFirst("\"user_data\":\\{[^}]*},", "");
        assertThat(sendForm(DATASET, TOKEN, "[" + noUser + "]").reason()).contains("user_data");
    }

    @Test
    void appEventsNeedAppDataWithSixteenExtinfoStrings() {
        String fifteen = good("e").replace("[\"a2\",\"com.example\",", "[\"com.example\",");
        String wrongVersion = good("e").replace("[\"a2\",", "[\"a1\",");
        String noAppData = good("e").replaceFirst("\"app_data\":\\{[^}]*]},", "");

        assertThat(sendForm(DATASET, TOKEN, "[" + fifteen + "]").reason()).contains("16 strings");
        assertThat(sendForm(DATASET, TOKEN, "[" + wrongVersion + "]").reason()).contains("i2 or a2");
        assertThat(sendForm(DATASET, TOKEN, "[" + noAppData + "]").reason()).contains("app_data");
    }

    @Test
    void purchaseNeedsCurrencyAndValue() {
        String noValue = good("e").replace(",\"value\":9.99", "");

        assertThat(sendForm(DATASET, TOKEN, "[" + noValue + "]").reason()).contains("Purchase without");
    }

    @Test
    void dataMustBeAnArrayOfAtMostAThousandEvents() {
        assertThat(sendForm(DATASET, TOKEN, good("e")).reason()).contains("not a JSON array");
        String many = "[" + String.join(",", Collections.nCopies(1001, good("e"))) + "]";
        assertThat(sendForm(DATASET, TOKEN, many).reason()).contains("1001 events");
        ReceivedRequest none = fake.handle(post("/v21.0/" + DATASET + "/events", FORM, "access_token=" + TOKEN));
        assertThat(none.reason()).contains("data missing");
    }

    @Test
    void deduplicatesOnEventNameAndEventIdLikeMeta() {
        sendForm(DATASET, TOKEN, "[" + good("e1") + "]");
        sendForm(DATASET, TOKEN, "[" + good("e1") + "]");
        sendForm(DATASET, TOKEN, "[" + event("AddToCart", "e1", NOW.getEpochSecond()) + "]");

        assertThat(fake.acceptedEventCount()).isEqualTo(3);
        assertThat(fake.uniqueEventCount()).isEqualTo(2);
        assertThat(fake.duplicateCount()).isEqualTo(1);
        assertThat(fake.timesAccepted("e1")).isEqualTo(3);
    }

    @Test
    void scriptedServerErrorIsMarkedTransient() {
        fake.failNext(1, 503);

        ReceivedRequest r = sendForm(DATASET, TOKEN, "[" + good("e1") + "]");

        assertThat(r.status()).isEqualTo(503);
        assertThat(json(r).at("/error/is_transient").asBoolean()).isTrue();
    }
}
