package io.adplatform.attribution;

import static io.adplatform.attribution.support.TestEvents.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.attribution.support.Api;
import io.adplatform.attribution.support.Fixtures;
import io.adplatform.attribution.support.IntegrationTestBase;
import io.adplatform.attribution.support.TestEvents;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.CallbackResult.Outcome;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Partner;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.fakes.FakeResponse;
import io.adplatform.fakes.ReceivedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Events in on Kafka, partner requests out to the fakes, outcomes in the log and on callback-results. */
class DeliveryIntegrationTest extends IntegrationTestBase {

    static final DateTimeFormatter AF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    static final Duration WAIT = Duration.ofSeconds(20);

    static Instant recent() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
    }

    JsonNode entry(String eventId, Partner partner) {
        JsonNode items = api.ok(api.get("/internal/v1/callbacks?eventId=" + eventId + "&partner=" + partner)).json()
                .get("items");
        return items.isEmpty() ? null : items.get(0);
    }

    JsonNode awaitStatus(String eventId, Partner partner, String status) {
        return await().atMost(WAIT).until(() -> entry(eventId, partner),
                e -> e != null && status.equals(e.get("status").asString()));
    }

    static List<ReceivedRequest> acceptedWith(io.adplatform.fakes.PartnerFake fake, String marker) {
        return fake.accepted().stream().filter(r -> r.body().contains(marker)).toList();
    }

    static JsonNode metaEvent(ReceivedRequest r) {
        String data = null;
        for (String pair : r.body().split("&")) {
            if (pair.startsWith("data=")) {
                data = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        return EventJson.mapper().readTree(data).get(0);
    }

    @Test
    void appsFlyerReceivesAnAndroidPurchaseExactlyAsTheFixture() {
        String product = newProductId();
        String key = "af-key-" + digits(8);
        appsflyer(product, product, key);
        String afId = TestEvents.androidAfId();
        Instant at = recent();
        AttributionEvent event = TestEvents.android(EventIds.newId(), product, afId, EventType.PAYMENT, null,
                usd("9.99"), false, at);

        produce(event);

        List<ReceivedRequest> got = await().atMost(WAIT).until(() -> acceptedWith(FAKES.appsflyer(), afId), l -> !l.isEmpty());
        ReceivedRequest request = got.get(0);
        assertThat(request.path()).isEqualTo("/inappevent/" + product);
        assertThat(request.headers()).containsEntry("authentication", key);
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        Fixtures.assertMatches("appsflyer-purchase-android.json", Map.of("AF_ID", afId, "EVENT_TIME", AF_TIME.format(at)),
                EventJson.mapper().readTree(request.body()));
        JsonNode log = awaitStatus(event.event().eventId(), Partner.APPSFLYER, "DELIVERED");
        assertThat(log.get("attempts").asInt()).isEqualTo(1);
        assertThat(log.get("lastHttpStatus").asInt()).isEqualTo(200);
        assertThat(log.get("partnerResponse").asString()).isEqualTo("OK");
        assertThat(log.get("partnerEventName").asString()).isEqualTo("af_purchase");
        await().atMost(WAIT).until(() -> RESULTS.outcomes(event.event().eventId(), Partner.APPSFLYER),
                o -> o.equals(List.of(Outcome.DELIVERED)));
    }

    @Test
    void appsFlyerReceivesAnIosLoginExactlyAsTheFixture() {
        String product = newProductId();
        String iosApp = "id" + digits(10);
        appsflyer(product, iosApp, "af-key-" + digits(8));
        String afId = TestEvents.iosAfId();
        Instant at = recent();
        AttributionEvent event = TestEvents.ios(EventIds.newId(), product, afId, EventType.LOGIN, null, false, at);

        produce(event);

        ReceivedRequest request = await().atMost(WAIT).until(() -> acceptedWith(FAKES.appsflyer(), afId), l -> !l.isEmpty()).get(0);
        assertThat(request.path()).isEqualTo("/inappevent/" + iosApp);
        Fixtures.assertMatches("appsflyer-login-ios.json", Map.of("AF_ID", afId, "EVENT_TIME", AF_TIME.format(at)),
                EventJson.mapper().readTree(request.body()));
    }

    @Test
    void metaReceivesInstallAndPurchaseExactlyAsTheFixtures() {
        String product = newProductId();
        String dataset = digits(15);
        String token = "meta-token-" + digits(10);
        meta(product, dataset, token);
        Instant at = recent();
        AttributionEvent install = TestEvents.android(EventIds.newId(), product, TestEvents.androidAfId(),
                EventType.ACTIVATION, null, null, true, at);
        AttributionEvent purchase = TestEvents.ios(EventIds.newId(), product, TestEvents.iosAfId(), EventType.PAYMENT,
                usd("4.99"), false, at);

        produce(install, purchase);

        awaitStatus(install.event().eventId(), Partner.META, "DELIVERED");
        awaitStatus(purchase.event().eventId(), Partner.META, "DELIVERED");
        ReceivedRequest installRequest = acceptedWith(FAKES.meta(), install.event().eventId()).get(0);
        ReceivedRequest purchaseRequest = acceptedWith(FAKES.meta(), purchase.event().eventId()).get(0);
        assertThat(installRequest.path()).isEqualTo("/v21.0/" + dataset + "/events");
        assertThat(installRequest.query()).isNull();
        assertThat(installRequest.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(installRequest.body()).contains("access_token=" + token);
        Map<String, String> vars = Map.of("EVENT_TIME_S", Long.toString(at.getEpochSecond()),
                "EVENT_TIME_MS", Long.toString(at.toEpochMilli()), "PRODUCT", product);
        Fixtures.assertMatches("meta-install-android.json",
                plus(vars, "EVENT_ID", install.event().eventId()), metaEvent(installRequest));
        Fixtures.assertMatches("meta-purchase-ios.json",
                plus(vars, "EVENT_ID", purchase.event().eventId()), metaEvent(purchaseRequest));
    }

    @Test
    void tiktokReceivesPurchaseAndLoginExactlyAsTheFixtures() {
        String product = newProductId();
        String source = "SRC" + digits(8);
        String token = "tt-token-" + digits(10);
        tiktok(product, source, token);
        Instant at = recent();
        AttributionEvent purchase = TestEvents.ios(EventIds.newId(), product, TestEvents.iosAfId(), EventType.PAYMENT,
                usd("4.99"), false, at);
        AttributionEvent login = TestEvents.android(EventIds.newId(), product, TestEvents.androidAfId(), EventType.LOGIN,
                null, null, false, at);

        produce(purchase, login);

        awaitStatus(purchase.event().eventId(), Partner.TIKTOK, "DELIVERED");
        awaitStatus(login.event().eventId(), Partner.TIKTOK, "DELIVERED");
        ReceivedRequest p = acceptedWith(FAKES.tiktok(), purchase.event().eventId()).get(0);
        ReceivedRequest l = acceptedWith(FAKES.tiktok(), login.event().eventId()).get(0);
        assertThat(p.path()).isEqualTo("/open_api/v1.3/event/track/");
        assertThat(p.headers()).containsEntry("access-token", token);
        Map<String, String> vars = Map.of("EVENT_TIME_S", Long.toString(at.getEpochSecond()), "PRODUCT", product,
                "SOURCE", source);
        Fixtures.assertMatches("tiktok-purchase-ios.json", plus(vars, "EVENT_ID", purchase.event().eventId()),
                EventJson.mapper().readTree(p.body()));
        Fixtures.assertMatches("tiktok-login-android.json", plus(vars, "EVENT_ID", login.event().eventId()),
                EventJson.mapper().readTree(l.body()));
    }

    @Test
    void theSameEventTwiceIsDeliveredOnceAndTheDuplicateSkipped() {
        String product = newProductId();
        appsflyer(product, product, "af-key-" + digits(8));
        meta(product, digits(15), "meta-token-" + digits(10));
        String afId = TestEvents.androidAfId();
        AttributionEvent event = TestEvents.android(EventIds.newId(), product, afId, EventType.PAYMENT, null,
                usd("1.50"), false, recent());
        String id = event.event().eventId();

        produce(event, event);
        awaitStatus(id, Partner.APPSFLYER, "DELIVERED");
        awaitStatus(id, Partner.META, "DELIVERED");
        produce(event);

        for (Partner p : List.of(Partner.APPSFLYER, Partner.META)) {
            await().atMost(WAIT).until(() -> RESULTS.outcomes(id, p),
                    o -> o.stream().filter(x -> x == Outcome.DUPLICATE_SKIPPED).count() == 2);
            assertThat(RESULTS.outcomes(id, p)).filteredOn(x -> x == Outcome.DELIVERED).hasSize(1);
        }
        assertThat(acceptedWith(FAKES.appsflyer(), afId)).hasSize(1);
        assertThat(FAKES.meta().timesAccepted(id)).isEqualTo(1);
        assertThat(entry(id, Partner.APPSFLYER).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aPartnerAnswering500Then200GetsTheEventOnceAfterTwoAttempts() {
        String product = newProductId();
        appsflyer(product, product, "af-key-" + digits(8));
        String afId = TestEvents.androidAfId();
        FAKES.appsflyer().failNext(1, 500, r -> r.bodyText().contains(afId));
        AttributionEvent event = TestEvents.android(EventIds.newId(), product, afId, EventType.LOGIN, null, null, false,
                recent());

        produce(event);

        JsonNode log = awaitStatus(event.event().eventId(), Partner.APPSFLYER, "DELIVERED");
        assertThat(log.get("attempts").asInt()).isEqualTo(2);
        assertThat(log.get("lastError").asString()).isEqualTo("HTTP 500: Internal Server Error");
        assertThat(acceptedWith(FAKES.appsflyer(), afId)).hasSize(1);
        assertThat(FAKES.appsflyer().received(r -> r.body().contains(afId))).hasSize(2);
        await().atMost(WAIT).until(() -> RESULTS.outcomes(event.event().eventId(), Partner.APPSFLYER),
                o -> o.equals(List.of(Outcome.RETRY_SCHEDULED, Outcome.DELIVERED)));
    }

    @Test
    void throttlingAndTransientAnswersAreRetried() {
        String product = newProductId();
        meta(product, digits(15), "meta-token-" + digits(10));
        tiktok(product, "SRC" + digits(8), "tt-token-" + digits(10));
        AttributionEvent event = TestEvents.ios(EventIds.newId(), product, TestEvents.iosAfId(), EventType.PAYMENT,
                usd("2.00"), false, recent());
        String id = event.event().eventId();
        FAKES.meta().respondNext(1, FakeResponse.json(400, "{\"error\":{\"message\":\"(#17) User request limit reached\","
                + "\"type\":\"OAuthException\",\"code\":17,\"is_transient\":false,\"fbtrace_id\":\"AbCdEfGhIjK\"}}"),
                r -> r.bodyText().contains(id));
        FAKES.tiktok().respondNext(1, FakeResponse.json(200, "{\"code\":40100,\"message\":\"Too many requests\","
                + "\"request_id\":\"x\",\"data\":{}}"), r -> r.bodyText().contains(id));

        produce(event);

        assertThat(awaitStatus(id, Partner.META, "DELIVERED").get("attempts").asInt()).isEqualTo(2);
        assertThat(awaitStatus(id, Partner.TIKTOK, "DELIVERED").get("attempts").asInt()).isEqualTo(2);
        assertThat(FAKES.meta().timesAccepted(id)).isEqualTo(1);
        assertThat(FAKES.tiktok().timesAccepted(id)).isEqualTo(1);
    }

    @Test
    void aRefusalIsDeadLetteredWithThePartnersMessageAndAReplayAfterTheFixDeliversOnce() {
        String product = newProductId();
        String dataset = digits(15);
        FAKES.meta().register(dataset, "the-right-meta-token");
        api.ok(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"" + dataset + "\",\"accessToken\":\"a-wrong-meta-token\"}"));
        AttributionEvent event = TestEvents.android(EventIds.newId(), product, TestEvents.androidAfId(),
                EventType.PAYMENT, null, usd("3.00"), false, recent());
        String id = event.event().eventId();

        produce(event);

        JsonNode dead = awaitStatus(id, Partner.META, "DEAD_LETTERED");
        assertThat(dead.get("attempts").asInt()).isEqualTo(1);
        assertThat(dead.get("lastHttpStatus").asInt()).isEqualTo(400);
        assertThat(dead.get("lastError").asString()).startsWith("Meta error 190: Invalid OAuth access token");
        JsonNode letter = await().atMost(WAIT).until(() -> RESULTS.deadLetters(id), l -> !l.isEmpty()).get(0);
        assertThat(letter.get("reason").asString()).contains("Invalid OAuth access token");
        assertThat(letter.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(letter.at("/event/event/eventId").asString()).isEqualTo(id);
        assertThat(FAKES.meta().timesAccepted(id)).isZero();

        api.ok(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"" + dataset + "\",\"accessToken\":\"the-right-meta-token\"}"));
        long callbackId = dead.get("id").asLong();
        Api.Response replay = api.post("/internal/v1/callbacks/" + callbackId + "/replay");

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("replays").asInt()).isEqualTo(1);
        JsonNode delivered = awaitStatus(id, Partner.META, "DELIVERED");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.get("replays").asInt()).isEqualTo(1);
        assertThat(FAKES.meta().timesAccepted(id)).isEqualTo(1);
        Api.Response again = api.post("/internal/v1/callbacks/" + callbackId + "/replay");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asString()).contains("DELIVERED");
    }

    @Test
    void anEventOutsideThePartnersWindowIsDeadLetteredWithoutACall() {
        String product = newProductId();
        meta(product, digits(15), "meta-token-" + digits(10));
        appsflyer(product, product, "af-key-" + digits(8));
        AttributionEvent old = TestEvents.android(EventIds.newId(), product, TestEvents.androidAfId(), EventType.PAYMENT,
                null, usd("5.00"), false, Instant.now().minus(Duration.ofDays(8)));
        String id = old.event().eventId();

        produce(old);

        for (Partner p : List.of(Partner.META, Partner.APPSFLYER)) {
            JsonNode log = awaitStatus(id, p, "DEAD_LETTERED");
            assertThat(log.get("lastError").asString()).startsWith("outside partner window");
            assertThat(log.get("attempts").asInt()).isZero();
        }
        assertThat(FAKES.meta().received(r -> r.body().contains(id))).isEmpty();
        assertThat(FAKES.appsflyer().received(r -> r.body().contains(old.event().device().appsflyerId()))).isEmpty();
        await().atMost(WAIT).until(() -> RESULTS.deadLetters(id), l -> l.size() == 2);
    }

    @Test
    void anEventWithoutAnAppsflyerIdCannotGoToAppsFlyer() {
        String product = newProductId();
        appsflyer(product, product, "af-key-" + digits(8));
        AttributionEvent event = TestEvents.android(EventIds.newId(), product, null, EventType.LOGIN, null, null, false,
                recent());

        produce(event);

        JsonNode log = awaitStatus(event.event().eventId(), Partner.APPSFLYER, "DEAD_LETTERED");
        assertThat(log.get("lastError").asString()).startsWith("no appsflyer_id");
    }

    @Test
    void configuredRulesReplaceTheDefaults() {
        String product = newProductId();
        appsflyer(product, product, "af-key-" + digits(8));
        api.ok(api.put("/internal/v1/products/" + product + "/rules/appsflyer",
                "{\"rules\":[{\"eventType\":\"CUSTOM\",\"eventName\":\"level_up\",\"partnerEventName\":\"af_level_achieved\"}]}"));
        String afId = TestEvents.androidAfId();
        Instant at = recent();
        AttributionEvent payment = TestEvents.android(EventIds.newId(), product, afId, EventType.PAYMENT, null,
                usd("1.00"), false, at);
        AttributionEvent levelUp = TestEvents.android(EventIds.newId(), product, afId, EventType.CUSTOM, "level_up",
                null, false, at.plusSeconds(1));

        produce(payment, levelUp);

        awaitStatus(levelUp.event().eventId(), Partner.APPSFLYER, "DELIVERED");
        JsonNode body = EventJson.mapper().readTree(acceptedWith(FAKES.appsflyer(), afId).get(0).body());
        assertThat(body.get("eventName").asString()).isEqualTo("af_level_achieved");
        // Same device, same partition: the payment was handled before the custom event, and no rule matched it.
        assertThat(entry(payment.event().eventId(), Partner.APPSFLYER)).isNull();
        assertThat(acceptedWith(FAKES.appsflyer(), afId)).hasSize(1);
    }

    @Test
    void aRowHeldByAWorkerThatDiedIsTakenOverWhenItsLeaseEnds() throws Exception {
        String product = newProductId();
        meta(product, digits(15), "meta-token-" + digits(10));
        AttributionEvent event = TestEvents.android(EventIds.newId(), product, TestEvents.androidAfId(),
                EventType.PAYMENT, null, usd("7.00"), false, recent());
        String id = event.event().eventId();
        // As if a worker claimed the callback and died before sending: PENDING, its claim, a lease 2 s ahead.
        try (Connection c = DB.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO callback_log (event_id, "
                + "partner, product_id, event_type, partner_event_name, include_revenue, event_time, status, claim, "
                + "lease_until, created_at, updated_at) VALUES (?, 'META', ?, 'PAYMENT', 'Purchase', true, ?, "
                + "'PENDING', 'dead-worker', ?, ?, ?)");
             PreparedStatement ev = c.prepareStatement("INSERT INTO attribution_event (event_id, product_id, event_json, "
                     + "created_at) VALUES (?, ?, ?, ?)")) {
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            ps.setString(1, id);
            ps.setString(2, product);
            ps.setObject(3, LocalDateTime.ofInstant(event.event().occurredAt(), ZoneOffset.UTC));
            ps.setObject(4, now.plusSeconds(2));
            ps.setObject(5, now);
            ps.setObject(6, now);
            ps.executeUpdate();
            ev.setString(1, id);
            ev.setString(2, product);
            ev.setString(3, EventJson.mapper().writeValueAsString(event));
            ev.setObject(4, now);
            ev.executeUpdate();
        }

        produce(event);

        JsonNode log = awaitStatus(id, Partner.META, "DELIVERED");
        assertThat(log.get("attempts").asInt()).isEqualTo(1);
        assertThat(FAKES.meta().timesAccepted(id)).isEqualTo(1);
    }

    private static Map<String, String> plus(Map<String, String> vars, String key, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(vars);
        m.put(key, value);
        return m;
    }
}
