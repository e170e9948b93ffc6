package io.adplatform.fakes;

import static io.adplatform.fakes.FakeRequests.SHA;
import static io.adplatform.fakes.FakeRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppsFlyerFakeTest {

    static final String ANDROID_APP = "com.example.game";
    static final String IOS_APP = "id1234567890";
    static final String KEY = "s2s-key";
    static final Map<String, String> AUTH = Map.of("authentication", KEY, "Content-Type", "application/json");

    AppsFlyerFake fake;

    @BeforeEach
    void setUp() {
        fake = new AppsFlyerFake(FakeRequests.CLOCK, 1000);
        fake.register(ANDROID_APP, KEY).register(IOS_APP, KEY);
    }

    static String androidBody(String extra) {
        return "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"af_purchase\","
                + "\"eventValue\":\"{\\\"af_revenue\\\":\\\"9.99\\\",\\\"af_currency\\\":\\\"USD\\\"}\","
                + "\"eventTime\":\"2026-11-20 10:15:30.123\",\"ip\":\"203.0.113.7\",\"email_hashed\":\"" + SHA + "\""
                + extra + "}";
    }

    ReceivedRequest send(String app, Map<String, String> headers, String body) {
        return fake.handle(post("/inappevent/" + app, headers, body));
    }

    @Test
    void acceptsAValidAndroidEventWithPlainOk() {
        ReceivedRequest r = send(ANDROID_APP, AUTH, androidBody(""));

        assertThat(r.accepted()).isTrue();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.response()).isEqualTo("OK");
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(fake.acceptedRequestCount()).isEqualTo(1);
    }

    @Test
    void acceptsAnEmptyEventValueString() {
        String body = "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"af_login\",\"eventValue\":\"\"}";
        assertThat(send(ANDROID_APP, AUTH, body).accepted()).isTrue();
    }

    @Test
    void refusesAWrongOrMissingKeyWith401() {
        ReceivedRequest wrong = send(ANDROID_APP, Map.of("authentication", "other", "Content-Type", "application/json"),
                androidBody(""));
        ReceivedRequest missing = send(ANDROID_APP, Map.of("Content-Type", "application/json"), androidBody(""));
        ReceivedRequest unknownApp = send("com.example.other", AUTH, androidBody(""));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(unknownApp.status()).isEqualTo(401);
        assertThat(fake.acceptedRequestCount()).isZero();
    }

    @Test
    void dropsAnIosEventWhoseAppIdLacksTheIdPrefixWhileAnswering200() {
        ReceivedRequest r = send("1234567890", AUTH, androidBody(""));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).contains("id prefix");
    }

    @Test
    void refusesAMissingAppsflyerIdWithItsMessage() {
        ReceivedRequest r = send(ANDROID_APP, AUTH, "{\"eventName\":\"af_login\",\"eventValue\":\"\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.response()).isEqualTo("appsflyer_id is a mandatory field");
    }

    @Test
    void refusesAnAppsflyerIdOfTheOtherPlatform() {
        // iOS ids are 13-7 digits; an Android-shaped id on an iOS app is refused, and vice versa.
        String iosShaped = "{\"appsflyer_id\":\"1700000000000-1234567\",\"eventName\":\"af_login\",\"eventValue\":\"\"}";
        assertThat(send(ANDROID_APP, AUTH, iosShaped).status()).isEqualTo(400);
        assertThat(send(IOS_APP, AUTH, androidBody(",\"os\":\"17.1\"")).status()).isEqualTo(400);
    }

    @Test
    void requiresOsForIosApps() {
        String withoutOs = "{\"appsflyer_id\":\"1700000000000-1234567\",\"eventName\":\"af_login\",\"eventValue\":\"\"}";
        String withOs = "{\"appsflyer_id\":\"1700000000000-1234567\",\"eventName\":\"af_login\",\"eventValue\":\"\","
                + "\"os\":\"17.1\"}";

        assertThat(send(IOS_APP, AUTH, withoutOs).reason()).contains("os is required");
        assertThat(send(IOS_APP, AUTH, withOs).accepted()).isTrue();
    }

    @Test
    void refusesEventValueThatIsAnObjectInsteadOfAString() {
        String body = "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"af_purchase\","
                + "\"eventValue\":{\"af_revenue\":\"9.99\",\"af_currency\":\"USD\"}}";
        ReceivedRequest r = send(ANDROID_APP, AUTH, body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).contains("eventValue must be a string");
    }

    @Test
    void refusesEventValueTextThatIsNotJsonOrHasBadRevenue() {
        String notJson = "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"x\",\"eventValue\":\"{nope\"}";
        String symbol = "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"x\","
                + "\"eventValue\":\"{\\\"af_revenue\\\":\\\"$9.99\\\",\\\"af_currency\\\":\\\"USD\\\"}\"}";
        String noCurrency = "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"x\","
                + "\"eventValue\":\"{\\\"af_revenue\\\":\\\"9.99\\\"}\"}";

        assertThat(send(ANDROID_APP, AUTH, notJson).reason()).contains("not JSON");
        assertThat(send(ANDROID_APP, AUTH, symbol).reason()).contains("af_revenue");
        assertThat(send(ANDROID_APP, AUTH, noCurrency).reason()).contains("af_currency");
    }

    @Test
    void refusesAWrongEventTimeFormatCurrencyAndIp() {
        assertThat(send(ANDROID_APP, AUTH, androidBody("").replace("10:15:30.123", "10:15:30")).reason())
                .contains("eventTime");
        assertThat(send(ANDROID_APP, AUTH, androidBody(",\"eventCurrency\":\"usd\"")).reason()).contains("eventCurrency");
        assertThat(send(ANDROID_APP, AUTH, androidBody("").replace("203.0.113.7", "2001:db8::1")).reason())
                .contains("ip");
        assertThat(send(ANDROID_APP, AUTH, androidBody("").replace(SHA, "plain@example.com")).reason())
                .contains("email_hashed");
    }

    @Test
    void refusesABodyOverOneKilobyte() {
        String big = androidBody(",\"custom_data\":{\"pad\":\"" + "x".repeat(1024) + "\"}");
        ReceivedRequest r = send(ANDROID_APP, AUTH, big);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).contains("more than 1 KB");
    }

    @Test
    void refusesMalformedJsonAsPayloadFailedToParse() {
        ReceivedRequest r = send(ANDROID_APP, AUTH, "{\"appsflyer_id\":");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.response()).isEqualTo("Payload is missing or failed to parse");
    }

    @Test
    void countsAnIdenticalBodyAsADuplicateBecauseAppsFlyerCannotDedup() {
        send(ANDROID_APP, AUTH, androidBody(""));
        send(ANDROID_APP, AUTH, androidBody(""));

        assertThat(fake.acceptedRequestCount()).isEqualTo(2);
        assertThat(fake.uniqueEventCount()).isEqualTo(1);
        assertThat(fake.duplicateCount()).isEqualTo(1);
    }

    @Test
    void scriptedFailuresComeFirstThenTheRealVerdict() {
        fake.failNext(1, 500);

        ReceivedRequest first = send(ANDROID_APP, AUTH, androidBody(""));
        ReceivedRequest second = send(ANDROID_APP, AUTH, androidBody(""));

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.accepted()).isFalse();
        assertThat(second.accepted()).isTrue();
        assertThat(fake.acceptedRequestCount()).isEqualTo(1);
    }

    @Test
    void scriptsCanTargetMatchingRequestsOnly() {
        fake.failNext(1, 503, r -> r.bodyText().contains("af_purchase"));

        String login = "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"af_login\",\"eventValue\":\"\"}";
        assertThat(send(ANDROID_APP, AUTH, login).accepted()).isTrue();
        assertThat(send(ANDROID_APP, AUTH, androidBody("")).status()).isEqualTo(503);
        assertThat(send(ANDROID_APP, AUTH, androidBody("")).accepted()).isTrue();
    }
}
