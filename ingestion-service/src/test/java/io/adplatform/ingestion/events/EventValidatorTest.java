package io.adplatform.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.pii.PiiHashing;
import io.adplatform.ingestion.web.FieldProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String ID = "0190f5c2-7a1b-7c3d-8e4f-5a6b7c8d9e10";
    static final String GAID = "38400000-8cf0-11bd-b23e-10b96e40000d";

    final EventValidator validator =
            new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10), Duration.ofDays(30));
    final RequestContext android = new RequestContext("com.example.game", Platform.ANDROID, "203.0.113.7", "DE",
            "Dalvik/2.1.0", NOW);
    final RequestContext ios = new RequestContext("id1234567890", Platform.IOS, "203.0.113.7", null, "App/1 CFNetwork", NOW);

    EventValidator.Result validate(String json, RequestContext ctx) {
        return validator.validate(EventJson.mapper().readTree(json), ctx);
    }

    @Test
    void acceptsAPaymentAndHashesPersonalData() {
        // given a payment with clear-text e-mail and phone
        String json = """
                {"eventId":"%s","type":"payment","device":{"advertising_id":"%s"},
                 "occurredAt":"2026-11-21T11:59:00+02:00","revenue":{"amount":"9.90","currency":"eur"},
                 "email":"  John_Smith@Gmail.com ","phone":"+1 (650) 555-1212","customerUserId":"u-1",
                 "attribution":{"mediaSource":"tiktokglobal_int","campaign":"launch"},
                 "properties":{"sku":"gems_100","qty":3},"appVersion":"3.2.1"}
                """.formatted(ID.toUpperCase(), GAID);

        // when
        EventValidator.Result r = validate(json, android);

        // then
        assertThat(r.errors()).isEmpty();
        SdkEvent e = r.event();
        assertThat(e.eventId()).isEqualTo(ID);
        assertThat(e.type()).isEqualTo(EventType.PAYMENT);
        assertThat(e.platform()).isEqualTo(Platform.ANDROID);
        assertThat(e.appId()).isEqualTo("com.example.game");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-21T09:59:00Z"));
        assertThat(e.receivedAt()).isEqualTo(NOW);
        assertThat(e.revenue().amount().toPlainString()).isEqualTo("9.90");
        assertThat(e.revenue().currency()).isEqualTo("EUR");
        assertThat(e.user().emailSha256())
                .isEqualTo("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
        assertThat(e.user().phoneSha256()).isEqualTo(PiiHashing.sha256Hex("16505551212"));
        assertThat(e.user().phoneE164Sha256()).isEqualTo(PiiHashing.sha256Hex("+16505551212"));
        assertThat(e.ip()).isEqualTo("203.0.113.7");
        assertThat(e.country()).isEqualTo("DE");
        assertThat(e.userAgent()).isEqualTo("Dalvik/2.1.0");
        assertThat(e.properties()).containsEntry("sku", "gems_100").containsEntry("qty", "3");
        assertThat(e.attribution().mediaSource()).isEqualTo("tiktokglobal_int");
        String written = EventJson.mapper().writeValueAsString(e);
        assertThat(written).doesNotContainIgnoringCase("john_smith").doesNotContain("555-1212").doesNotContain("6505551212\"");
    }

    @Test
    void amountsStayExactFromNumbersToo() {
        String json = """
                {"eventId":"%s","type":"payment","device":{"gaid":"%s"},"occurredAt":"2026-11-21T10:00:00Z",
                 "revenue":{"amount":0.1,"currency":"USD"}}""".formatted(ID, GAID);
        assertThat(validate(json, android).event().revenue().amount().toPlainString()).isEqualTo("0.1");
        String negative = json.replace("0.1", "-6");
        assertThat(validate(negative, android).event().revenue().amount().toPlainString()).isEqualTo("-6");
    }

    @Test
    void reportsEveryProblemWithItsField() {
        String json = """
                {"eventId":"not-a-uuid","type":"purchase","platform":"windows","device":{"idfa":"xyz"},
                 "occurredAt":"yesterday","email":"not-an-email","customerUserId":"%s"}""".formatted("x".repeat(300));

        EventValidator.Result r = validate(json, android);

        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(FieldProblem::field).contains("eventId", "type", "platform", "device.idfa",
                "device", "occurredAt", "email", "customerUserId");
        assertThat(r.errors()).extracting(FieldProblem::message).noneMatch(m -> m.contains("not-an-email"));
    }

    @Test
    void paymentNeedsRevenueInAnIsoCurrency() {
        String base = """
                {"eventId":"%s","type":"payment","device":{"gaid":"%s"},"occurredAt":"2026-11-21T10:00:00Z"%s}""";
        assertThat(fields(validate(base.formatted(ID, GAID, ""), android))).containsExactly("revenue");
        assertThat(fields(validate(base.formatted(ID, GAID, ",\"revenue\":{\"amount\":\"1\",\"currency\":\"XXY\"}"), android)))
                .containsExactly("revenue.currency");
        assertThat(fields(validate(base.formatted(ID, GAID, ",\"revenue\":{\"amount\":\"1.1234567\",\"currency\":\"USD\"}"), android)))
                .containsExactly("revenue.amount");
        assertThat(fields(validate(base.formatted(ID, GAID, ",\"revenue\":{\"amount\":\"1E+999999\",\"currency\":\"USD\"}"), android)))
                .containsExactly("revenue.amount");
        String login = base.replace("payment", "login").formatted(ID, GAID, ",\"revenue\":{\"amount\":\"1\",\"currency\":\"USD\"}");
        assertThat(fields(validate(login, android))).containsExactly("revenue");
    }

    @Test
    void occurredAtWindow() {
        String base = """
                {"eventId":"%s","type":"login","device":{"gaid":"%s"},"occurredAt":"%s"}""";
        assertThat(validate(base.formatted(ID, GAID, "2026-11-21T10:09:59Z"), android).valid()).isTrue();
        assertThat(fields(validate(base.formatted(ID, GAID, "2026-11-21T10:10:01Z"), android))).containsExactly("occurredAt");
        assertThat(validate(base.formatted(ID, GAID, "2026-10-22T10:00:01Z"), android).valid()).isTrue();
        assertThat(fields(validate(base.formatted(ID, GAID, "2026-10-22T09:59:59Z"), android))).containsExactly("occurredAt");
        assertThat(fields(validate(base.formatted(ID, GAID, "2026-11-21T10:00:00"), android))).containsExactly("occurredAt");
    }

    @Test
    void appsflyerIdPatternDependsOnThePlatform() {
        String base = """
                {"eventId":"%s","type":"activation","device":{"appsflyerId":"%s"},"occurredAt":"2026-11-21T10:00:00Z"}""";
        assertThat(validate(base.formatted(ID, "1700000000000-1234567"), ios).valid()).isTrue();
        assertThat(fields(validate(base.formatted(ID, "1700000000000-1234567890123456789"), ios)))
                .containsExactly("device.appsflyerId");
        assertThat(validate(base.formatted(ID, "1700000000000-1234567890123456789"), android).valid()).isTrue();
        assertThat(fields(validate(base.formatted(ID, "1700000000000-1234567"), android))).containsExactly("device.appsflyerId");
    }

    @Test
    void deviceIdentifiersMustFitThePlatformAndNotBeZero() {
        String zeroIdfa = """
                {"eventId":"%s","type":"activation","device":{"idfa":"00000000-0000-0000-0000-000000000000"},
                 "occurredAt":"2026-11-21T10:00:00Z"}""".formatted(ID);
        assertThat(fields(validate(zeroIdfa, ios))).containsExactly("device");
        String gaidOnIos = """
                {"eventId":"%s","type":"activation","device":{"gaid":"%s"},"occurredAt":"2026-11-21T10:00:00Z"}"""
                .formatted(ID, GAID);
        assertThat(fields(validate(gaidOnIos, ios))).containsExactly("device");
        assertThat(fields(validate("{\"eventId\":\"" + ID + "\",\"type\":\"login\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}", ios)))
                .containsExactly("device");
    }

    @Test
    void customEventsNeedANameAndOnlyThem() {
        String base = """
                {"eventId":"%s","type":"%s",%s"device":{"gaid":"%s"},"occurredAt":"2026-11-21T10:00:00Z"}""";
        assertThat(fields(validate(base.formatted(ID, "custom", "", GAID), android))).containsExactly("eventName");
        EventValidator.Result ok = validate(base.formatted(ID, "CUSTOM", "\"eventName\":\"level_up\",", GAID), android);
        assertThat(ok.event().eventName()).isEqualTo("level_up");
        assertThat(fields(validate(base.formatted(ID, "login", "\"eventName\":\"x\",", GAID), android)))
                .containsExactly("eventName");
    }

    @Test
    void wrongTypesNameTheField() {
        String json = """
                {"eventId":"%s","type":"payment","device":{"gaid":"%s"},"occurredAt":"2026-11-21T10:00:00Z",
                 "revenue":{"amount":"lots","currency":"USD"}}""".formatted(ID, GAID);
        EventValidator.Result r = validate(json, android);
        assertThat(r.eventId()).isEqualTo(ID);
        assertThat(fields(r)).containsExactly("revenue.amount");

        assertThat(fields(validate("{\"eventId\":\"" + ID + "\",\"device\":[1,2]}", android))).containsExactly("device");
        assertThat(fields(validate("{\"eventId\":\"" + ID + "\",\"properties\":{\"a\":{\"b\":1}}}", android)))
                .containsExactly("properties.a");
        assertThat(fields(validate("[1]", android))).containsExactly("");
        // every mistyped field at once, not only the first
        assertThat(fields(validate("{\"eventId\":{},\"device\":5,\"revenue\":[],\"properties\":{\"a\":[]},"
                + "\"attribution\":{\"campaign\":{}}}", android)))
                .containsExactly("eventId", "device", "revenue", "attribution.campaign", "properties.a");
    }

    @Test
    void preHashedValuesPassThroughAndUserAgentFromBodyWins() {
        String emailHash = PiiHashing.sha256Hex("a@b.co");
        String phoneHash = PiiHashing.sha256Hex("4915112345678");
        String json = """
                {"eventId":"%s","type":"login","device":{"idfv":"A1B2C3D4-E5F6-4A1B-8C2D-0E1F2A3B4C5D"},
                 "occurredAt":"2026-11-21T10:00:00Z","email":"%s","phone":"%s","userAgent":"MyApp/2.0"}"""
                .formatted(ID, emailHash.toUpperCase(), phoneHash);
        SdkEvent e = validate(json, ios).event();
        assertThat(e.user().emailSha256()).isEqualTo(emailHash);
        assertThat(e.user().phoneSha256()).isEqualTo(phoneHash);
        assertThat(e.user().phoneE164Sha256()).isNull();
        assertThat(e.userAgent()).isEqualTo("MyApp/2.0");
        assertThat(e.partitionKey()).isEqualTo("id1234567890:a1b2c3d4-e5f6-4a1b-8c2d-0e1f2a3b4c5d");
    }

    private static java.util.List<String> fields(EventValidator.Result r) {
        return r.errors().stream().map(FieldProblem::field).toList();
    }
}
