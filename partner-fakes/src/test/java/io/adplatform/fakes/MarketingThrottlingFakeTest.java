package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.form;
import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Calls-per-window limits of the Marketing fakes, on a clock the test moves. */
class MarketingThrottlingFakeTest {

    static final String ACCOUNT = "act_1000000000000001";
    static final String OTHER = "act_2000000000000002";
    static final String META_TOKEN = "meta-token";
    static final String ADV = "7000000000000000001";
    static final String TT_TOKEN = "tt-token";
    static final String AD = "120210000000000001";

    static MutableClock clock;
    static PartnerFakes fakes;
    static MetaMarketingFake meta;
    static TikTokMarketingFake tiktok;

    @BeforeAll
    static void start() {
        clock = new MutableClock(FakeRequests.NOW);
        fakes = PartnerFakes.builder().clock(clock).start();
        meta = fakes.metaMarketing().registerAdAccount(ACCOUNT, META_TOKEN).registerAdAccount(OTHER, META_TOKEN);
        tiktok = fakes.tiktokMarketing().registerAdvertiser(ADV, TT_TOKEN);
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        meta.regainAccessUnit(Duration.ofMinutes(1));
        meta.createAd(ACCOUNT, AD, "100000000000001").createAd(OTHER, "120210000000000002", "100000000000001");
        tiktok.createAd(ADV, "1800000000000000001", "myapp://home");
    }

    static HttpResponse<String> readAd(String adId) {
        return FakeHttp.get(fakes.metaBaseUrl() + "/v21.0/" + adId + "?" + form("fields", "status",
                "access_token", META_TOKEN));
    }

    static JsonNode usage(HttpResponse<String> r, String account) {
        String header = r.headers().firstValue("X-Business-Use-Case-Usage").orElseThrow();
        return FakeJson.MAPPER.readTree(header).get(account.substring("act_".length())).get(0);
    }

    @Test
    void metaRefusesCallsBeyondTheWindowAndSaysWhenAccessComesBack() {
        meta.throttleAfter(ACCOUNT, 3, Duration.ofSeconds(10)).regainAccessUnit(Duration.ofSeconds(1));

        HttpResponse<String> first = readAd(AD);
        readAd(AD);
        HttpResponse<String> third = readAd(AD);
        HttpResponse<String> fourth = readAd(AD);
        clock.advance(Duration.ofSeconds(4));
        HttpResponse<String> stillThrottled = FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + AD,
                form("status", "PAUSED", "access_token", META_TOKEN));
        HttpResponse<String> otherAccount = readAd("120210000000000002");
        clock.advance(Duration.ofSeconds(6));
        HttpResponse<String> afterWindow = readAd(AD);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(usage(first, ACCOUNT).get("call_count").asInt()).isEqualTo(34);
        assertThat(usage(first, ACCOUNT).get("type").asString()).isEqualTo("ads_management");
        assertThat(usage(first, ACCOUNT).get("estimated_time_to_regain_access").asInt()).isZero();
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(usage(third, ACCOUNT).get("call_count").asInt()).isEqualTo(100);
        assertThat(fourth.statusCode()).isEqualTo(400);
        assertThat(json(fourth).at("/error/code").asInt()).isEqualTo(80004);
        assertThat(json(fourth).at("/error/is_transient").asBoolean()).isTrue();
        assertThat(usage(fourth, ACCOUNT).get("estimated_time_to_regain_access").asInt()).isEqualTo(10);
        assertThat(json(stillThrottled).at("/error/code").asInt()).isEqualTo(80004);
        assertThat(usage(stillThrottled, ACCOUNT).get("estimated_time_to_regain_access").asInt()).isEqualTo(6);
        assertThat(meta.status(AD)).isEqualTo("ACTIVE"); // a throttled call changes nothing
        assertThat(otherAccount.statusCode()).isEqualTo(200);
        assertThat(afterWindow.statusCode()).isEqualTo(200);
        assertThat(usage(afterWindow, ACCOUNT).get("call_count").asInt()).isEqualTo(34);
        assertThat(meta.refused()).extracting(ReceivedRequest::reason)
                .allSatisfy(reason -> assertThat(reason).startsWith("throttled (code 80004)"));
    }

    @Test
    void metaReportsMinutesUnlessATestShortensTheUnitAndCanAnswerCode17() {
        meta.throttleAfter(ACCOUNT, 1, Duration.ofSeconds(90), MetaMarketingFake.CODE_USER_REQUEST_LIMIT);

        readAd(AD);
        HttpResponse<String> throttled = readAd(AD);

        assertThat(json(throttled).at("/error/code").asInt()).isEqualTo(17);
        assertThat(json(throttled).at("/error/message").asString()).contains("User request limit reached");
        assertThat(usage(throttled, ACCOUNT).get("estimated_time_to_regain_access").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> meta.throttleAfter(ACCOUNT, 1, Duration.ofSeconds(1), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetRemovesTheLimit() {
        meta.throttleAfter(ACCOUNT, 1, Duration.ofHours(1));
        readAd(AD);
        assertThat(readAd(AD).statusCode()).isEqualTo(400);

        fakes.reset();
        meta.createAd(ACCOUNT, AD, "100000000000001");

        assertThat(readAd(AD).statusCode()).isEqualTo(200);
        assertThat(usage(readAd(AD), ACCOUNT).get("call_count").asInt()).isEqualTo(1);
    }

    @Test
    void tiktokAnswersCode40100WithHttp200BeyondTheWindow() {
        tiktok.throttleAfter(ADV, 2, Duration.ofSeconds(5));
        String url = fakes.tiktokBaseUrl() + "/open_api/v1.3/ad/get/?advertiser_id=" + ADV;
        String disable = "{\"advertiser_id\":\"" + ADV + "\",\"ad_ids\":[\"1800000000000000001\"],"
                + "\"operation_status\":\"DISABLE\"}";

        HttpResponse<String> a = FakeHttp.get(url, "Access-Token", TT_TOKEN);
        HttpResponse<String> b = FakeHttp.get(url, "Access-Token", TT_TOKEN);
        HttpResponse<String> limited = FakeHttp.postJson(fakes.tiktokBaseUrl() + "/open_api/v1.3/ad/status/update/",
                disable, "Access-Token", TT_TOKEN);
        clock.advance(Duration.ofSeconds(5));
        HttpResponse<String> again = FakeHttp.get(url, "Access-Token", TT_TOKEN);

        assertThat(json(a).get("code").asInt()).isZero();
        assertThat(json(b).get("code").asInt()).isZero();
        assertThat(limited.statusCode()).isEqualTo(200);
        assertThat(json(limited).get("code").asInt()).isEqualTo(40100);
        assertThat(json(limited).get("message").asString()).contains("Too many requests");
        assertThat(tiktok.status("1800000000000000001")).isEqualTo("ENABLE");
        assertThat(json(again).get("code").asInt()).isZero();
    }
}
