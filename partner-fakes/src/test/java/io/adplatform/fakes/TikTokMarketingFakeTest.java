package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.enc;
import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** TikTok Marketing API fake over real HTTP, on the same prefix as the Events API. */
class TikTokMarketingFakeTest {

    static final String ADV = "7000000000000000001";
    static final String OTHER_ADV = "7000000000000000002";
    static final String TOKEN = "tt-marketing-token";
    static final String AD = "1800000000000000001";
    static final String AD2 = "1800000000000000002";
    static final String OLD = "myapp://home";
    static final String NEW = "myapp://product/42?src=tiktok";

    static PartnerFakes fakes;
    static TikTokMarketingFake tiktok;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        tiktok = fakes.tiktokMarketing();
        tiktok.registerAdvertiser(ADV, TOKEN).registerAdvertiser(OTHER_ADV, "other-token");
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        tiktok.latency(Duration.ZERO);
        tiktok.createAd(ADV, AD, OLD).createAd(ADV, AD2, OLD).createAd(OTHER_ADV, "1800000000000000009", OLD);
    }

    static String url(String endpoint) {
        return fakes.tiktokBaseUrl() + "/open_api/v1.3/" + endpoint;
    }

    static HttpResponse<String> update(String token, String body) {
        return token == null ? FakeHttp.postJson(url("ad/update/"), body)
                : FakeHttp.postJson(url("ad/update/"), body, "Access-Token", token);
    }

    static String swap(String adId, String deeplink) {
        return "{\"advertiser_id\":\"" + ADV + "\",\"creatives\":[{\"ad_id\":\"" + adId + "\",\"deeplink\":\""
                + deeplink + "\",\"ad_text\":\"Play now\"}]}";
    }

    static HttpResponse<String> adGet(String query) {
        return FakeHttp.get(url("ad/get/") + "?" + query, "Access-Token", TOKEN);
    }

    static int code(HttpResponse<String> r) {
        return json(r).get("code").asInt();
    }

    @Test
    void adUpdateSwapsTheDeepLinkAndRecordsIt() {
        HttpResponse<String> r = update(TOKEN, swap(AD, NEW));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(code(r)).isZero();
        assertThat(json(r).at("/data/ad_ids/0").asString()).isEqualTo(AD);
        assertThat(json(r).get("request_id").asString()).startsWith("20261120101530");
        assertThat(tiktok.currentDeeplink(AD)).isEqualTo(NEW);
        assertThat(tiktok.currentDeeplink(AD2)).isEqualTo(OLD);
        assertThat(tiktok.deeplinkHistory(AD)).containsExactly(new DeeplinkChange(NEW, FakeRequests.NOW));
        assertThat(tiktok.adUpdateCount()).isEqualTo(1);
        assertThat(tiktok.accepted()).singleElement().satisfies(q -> assertThat(q.partner()).isEqualTo("tiktok-marketing"));
    }

    @Test
    void refusesMissingUnknownAndForeignTokensWithHttp200AndACode() {
        HttpResponse<String> missing = update(null, swap(AD, NEW));
        HttpResponse<String> unknown = update("nope", swap(AD, NEW));
        HttpResponse<String> foreign = update("other-token", swap(AD, NEW));

        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(code(missing)).isEqualTo(40104);
        assertThat(code(unknown)).isEqualTo(40105);
        assertThat(code(foreign)).isEqualTo(40001);
        assertThat(tiktok.currentDeeplink(AD)).isEqualTo(OLD);
        assertThat(tiktok.adUpdateCount()).isZero();
    }

    @Test
    void refusesInvalidUpdatesWithoutChangingAnyAd() {
        assertThat(code(update(TOKEN, swap(AD, NEW).replace("\"advertiser_id\":\"" + ADV + "\",", ""))))
                .isEqualTo(40002);
        assertThat(code(update(TOKEN, "{\"advertiser_id\":\"" + ADV + "\",\"creatives\":[]}"))).isEqualTo(40002);
        assertThat(code(update(TOKEN, "{\"advertiser_id\":\"" + ADV + "\",\"creatives\":")))
                .isEqualTo(40002);
        assertThat(code(update(TOKEN, swap("1800000000000000777", NEW)))).isEqualTo(40002);
        assertThat(code(update(TOKEN, swap("1800000000000000009", NEW)))).isEqualTo(40002); // another advertiser's ad
        assertThat(code(update(TOKEN, swap(AD, NEW).replace(",\"deeplink\":\"" + NEW + "\"", "")))).isEqualTo(40002);
        assertThat(code(update(TOKEN, swap(AD, "  ")))).isEqualTo(40002);
        assertThat(code(update(TOKEN, swap(AD, "product/42")))).isEqualTo(40002);
        assertThat(code(update(TOKEN, swap(AD, "myapp://pro duct")))).isEqualTo(40002);
        // one bad creative: nothing changes, not even the good one before it
        String mixed = "{\"advertiser_id\":" + ADV + ",\"creatives\":[{\"ad_id\":" + AD + ",\"deeplink\":\"" + NEW
                + "\"},{\"ad_id\":\"" + AD2 + "\",\"deeplink\":\"relative\"}]}";
        HttpResponse<String> r = update(TOKEN, mixed);

        assertThat(code(r)).isEqualTo(40002);
        assertThat(json(r).get("message").asString()).contains("creatives[1].deeplink");
        assertThat(tiktok.currentDeeplink(AD)).isEqualTo(OLD);
        assertThat(tiktok.deeplinkHistory(AD)).isEmpty();
        assertThat(tiktok.refused()).extracting(ReceivedRequest::reason)
                .anySatisfy(reason -> assertThat(reason).contains("ad_id 1800000000000000777 unknown"))
                .anySatisfy(reason -> assertThat(reason).contains("deeplink missing"))
                .anySatisfy(reason -> assertThat(reason).contains("not an absolute URI"));
    }

    @Test
    void adGroupGivenMustHoldTheAd() {
        tiktok.createAd(ADV, "1700000000000000001", "1800000000000000003", OLD);
        String body = "{\"advertiser_id\":\"" + ADV + "\",\"adgroup_id\":\"1700000000000000002\",\"creatives\":"
                + "[{\"ad_id\":\"1800000000000000003\",\"deeplink\":\"" + NEW + "\"}]}";

        assertThat(code(update(TOKEN, body))).isEqualTo(40002);
        assertThat(code(update(TOKEN, body.replace("1700000000000000002", "1700000000000000001")))).isZero();
        assertThat(tiktok.currentDeeplink("1800000000000000003")).isEqualTo(NEW);
    }

    @Test
    void statusUpdateDisablesEnablesAndDeletes() {
        String disable = "{\"advertiser_id\":\"" + ADV + "\",\"ad_ids\":[\"" + AD + "\",\"" + AD2 + "\"],"
                + "\"operation_status\":\"DISABLE\"}";
        HttpResponse<String> r = FakeHttp.postJson(url("ad/status/update/"), disable, "Access-Token", TOKEN);

        assertThat(code(r)).isZero();
        assertThat(json(r).at("/data/ad_ids").size()).isEqualTo(2);
        assertThat(tiktok.status(AD)).isEqualTo("DISABLE");
        assertThat(tiktok.status(AD2)).isEqualTo("DISABLE");
        assertThat(tiktok.statusUpdateCount()).isEqualTo(1);

        FakeHttp.postJson(url("ad/status/update/"), disable.replace("DISABLE", "DELETE"), "Access-Token", TOKEN);
        assertThat(tiktok.status(AD)).isEqualTo("DELETE");
        assertThat(code(update(TOKEN, swap(AD, NEW)))).isEqualTo(40002); // a deleted ad cannot be changed
        assertThat(code(FakeHttp.postJson(url("ad/status/update/"), disable.replace("DISABLE", "ENABLE"),
                "Access-Token", TOKEN))).isEqualTo(40002);
    }

    @Test
    void statusUpdateRefusesUnknownAdsAndStatuses() {
        String body = "{\"advertiser_id\":\"" + ADV + "\",\"ad_ids\":[\"" + AD + "\"],\"operation_status\":\"PAUSE\"}";

        assertThat(code(FakeHttp.postJson(url("ad/status/update/"), body, "Access-Token", TOKEN))).isEqualTo(40002);
        assertThat(code(FakeHttp.postJson(url("ad/status/update/"), body.replace("PAUSE", "DISABLE").replace(AD, "1"),
                "Access-Token", TOKEN))).isEqualTo(40002);
        assertThat(code(FakeHttp.postJson(url("ad/status/update/"), body.replace("\"ad_ids\":[\"" + AD + "\"],", ""),
                "Access-Token", TOKEN))).isEqualTo(40002);
        assertThat(tiktok.status(AD)).isEqualTo("ENABLE");
    }

    @Test
    void adGetShowsTheCurrentStateFilteredByAdIds() {
        update(TOKEN, swap(AD, NEW));

        HttpResponse<String> r = adGet("advertiser_id=" + ADV + "&filtering=" + enc("{\"ad_ids\":[\"" + AD + "\"]}"));

        assertThat(code(r)).isZero();
        JsonNode data = json(r).get("data");
        assertThat(data.get("list").size()).isEqualTo(1);
        assertThat(data.at("/list/0/ad_id").asString()).isEqualTo(AD);
        assertThat(data.at("/list/0/deeplink").asString()).isEqualTo(NEW);
        assertThat(data.at("/list/0/operation_status").asString()).isEqualTo("ENABLE");
        assertThat(data.at("/page_info/total_number").asInt()).isEqualTo(1);
        assertThat(data.at("/page_info/total_page").asInt()).isEqualTo(1);
    }

    @Test
    void adGetPagesThroughTheAdvertisersAdsOnly() {
        HttpResponse<String> all = adGet("advertiser_id=" + ADV);
        HttpResponse<String> second = adGet("advertiser_id=" + ADV + "&page=2&page_size=1");

        assertThat(json(all).at("/data/list").size()).isEqualTo(2); // not the other advertiser's ad
        assertThat(json(second).at("/data/list/0/ad_id").asString()).isEqualTo(AD2);
        assertThat(json(second).at("/data/page_info/total_page").asInt()).isEqualTo(2);
    }

    @Test
    void adGetRefusesBadQueries() {
        assertThat(code(adGet("filtering=" + enc("{\"ad_ids\":[\"" + AD + "\"]}")))).isEqualTo(40002);
        assertThat(code(adGet("advertiser_id=" + ADV + "&filtering=" + enc("{\"ad_ids\":")))).isEqualTo(40002);
        assertThat(code(adGet("advertiser_id=" + ADV + "&filtering=" + enc("{\"ad_ids\":\"" + AD + "\"}"))))
                .isEqualTo(40002);
        assertThat(code(adGet("advertiser_id=" + ADV + "&page_size=1001"))).isEqualTo(40002);
        assertThat(code(adGet("advertiser_id=" + OTHER_ADV))).isEqualTo(40001);
        assertThat(code(FakeHttp.get(url("ad/get/") + "?advertiser_id=" + ADV))).isEqualTo(40104);
    }

    @Test
    void wrongMethodAndUnmodelledEndpointsAreRefused() {
        assertThat(FakeHttp.get(url("ad/update/"), "Access-Token", TOKEN).statusCode()).isEqualTo(405);
        HttpResponse<String> create = FakeHttp.postJson(url("campaign/update/"), "{}", "Access-Token", TOKEN);

        assertThat(create.statusCode()).isEqualTo(404);
        assertThat(code(create)).isEqualTo(40400);
    }

    @Test
    void scriptedRateLimitAndServerErrorChangeNothing() {
        tiktok.failNext(1, 429).failNext(1, 500);

        HttpResponse<String> limited = update(TOKEN, swap(AD, NEW));
        HttpResponse<String> failed = update(TOKEN, swap(AD, NEW));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(code(limited)).isEqualTo(40100);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(code(failed)).isEqualTo(50000);
        assertThat(tiktok.currentDeeplink(AD)).isEqualTo(OLD);
        assertThat(code(update(TOKEN, swap(AD, NEW)))).isZero();
    }

    @Test
    void aFailureAfterAcceptingLeavesTheSwapDoneForTheClientToFind() {
        tiktok.failNextAfterAccepting(1, 500, r -> r.path().endsWith("/ad/update/"));

        HttpResponse<String> failed = update(TOKEN, swap(AD, NEW));
        HttpResponse<String> check = adGet("advertiser_id=" + ADV + "&filtering=" + enc("{\"ad_ids\":[\"" + AD + "\"]}"));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(check).at("/data/list/0/deeplink").asString()).isEqualTo(NEW);
        assertThat(tiktok.deeplinkHistory(AD)).hasSize(1);
        assertThat(tiktok.accepted()).first().satisfies(r -> assertThat(r.reason()).isEqualTo(
                "accepted, then scripted answer 500"));
    }

    @Test
    void answersAfterItsLatency() {
        tiktok.latency(Duration.ofMillis(100));

        long start = System.nanoTime();
        update(TOKEN, swap(AD, NEW));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void advertiserInfoAnswersTheAdvertisersOfTheTokenAndRefusesOthers() {
        tiktok.registerAdvertiser("7000000000000000003", "named-token", "Puzzle studio JP")
                .advertiserCurrency("7000000000000000003", "JPY");
        HttpResponse<String> ok = FakeHttp.get(url("advertiser/info/") + "?advertiser_ids="
                + enc("[\"7000000000000000003\"]") + "&fields=" + enc("[\"name\",\"currency\",\"status\"]"),
                "Access-Token", "named-token");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(code(ok)).as(ok.body()).isZero();
        JsonNode a = json(ok).get("data").get("list").get(0);
        assertThat(a.get("advertiser_id").asString()).isEqualTo("7000000000000000003");
        assertThat(a.get("name").asString()).isEqualTo("Puzzle studio JP");
        assertThat(a.get("currency").asString()).isEqualTo("JPY");
        assertThat(a.get("status").asString()).isEqualTo("STATUS_ENABLE");

        HttpResponse<String> notMine = FakeHttp.get(url("advertiser/info/") + "?advertiser_ids="
                + enc("[\"" + OTHER_ADV + "\"]"), "Access-Token", TOKEN);
        assertThat(code(notMine)).isEqualTo(40001);
        assertThat(json(notMine).get("data").isEmpty()).isTrue();
        HttpResponse<String> badToken = FakeHttp.get(url("advertiser/info/") + "?advertiser_ids="
                + enc("[\"" + ADV + "\"]"), "Access-Token", "revoked");
        assertThat(code(badToken)).isEqualTo(40105);
        HttpResponse<String> noIds = FakeHttp.get(url("advertiser/info/") + "?advertiser_ids=" + ADV,
                "Access-Token", TOKEN);
        assertThat(code(noIds)).isEqualTo(40002);
    }
}
