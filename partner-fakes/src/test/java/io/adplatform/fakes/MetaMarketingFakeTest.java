package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.form;
import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Meta Marketing API fake over real HTTP, on the same prefix as the Conversions API. */
class MetaMarketingFakeTest {

    static final String ACCOUNT = "act_1000000000000001";
    static final String TOKEN = "meta-marketing-token";
    static final String AD = "120210000000000001";
    static final String PAGE = "100000000000001";
    static final String OLD = "myapp://home";
    static final String NEW = "myapp://product/42?src=meta";

    static PartnerFakes fakes;
    static MetaMarketingFake meta;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        meta = fakes.metaMarketing();
        meta.registerAdAccount(ACCOUNT, TOKEN).registerAdAccount("2000000000000002", "other-token");
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        meta.latency(Duration.ZERO);
        meta.createAd(ACCOUNT, AD, PAGE, OLD).createAd("act_2000000000000002", "120210000000000009", PAGE, OLD);
    }

    static String url(String path) {
        return fakes.metaBaseUrl() + "/v21.0/" + path;
    }

    static String spec(String appLink) {
        return "{\"page_id\":\"" + PAGE + "\",\"link_data\":{\"link\":\"https://example.com/item/42\","
                + "\"message\":\"Item 42\",\"call_to_action\":{\"type\":\"OPEN_LINK\",\"value\":{"
                + "\"link\":\"https://example.com/item/42\",\"app_link\":\"" + appLink + "\"}}}}";
    }

    static HttpResponse<String> createCreative(String token, String spec) {
        return FakeHttp.postForm(url(ACCOUNT + "/adcreatives"),
                form("name", "DP link 42", "object_story_spec", spec, "access_token", token));
    }

    static HttpResponse<String> repoint(String adId, String creativeId) {
        return FakeHttp.postForm(url(adId), form("creative", "{\"creative_id\":\"" + creativeId + "\"}",
                "access_token", TOKEN));
    }

    static int code(HttpResponse<String> r) {
        return json(r).at("/error/code").asInt();
    }

    @Test
    void swapsADeepLinkByANewCreativeAndARepoint() {
        String old = meta.currentCreativeId(AD);

        HttpResponse<String> created = createCreative(TOKEN, spec(NEW));
        String creativeId = json(created).get("id").asString();
        HttpResponse<String> repointed = repoint(AD, creativeId);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(repointed.statusCode()).isEqualTo(200);
        assertThat(json(repointed).get("success").asBoolean()).isTrue();
        assertThat(meta.currentCreativeId(AD)).isEqualTo(creativeId);
        assertThat(meta.currentAppLink(AD)).isEqualTo(NEW);
        assertThat(meta.repointHistory(AD)).containsExactly(
                new MetaMarketingFake.Repoint(old, creativeId, NEW, FakeRequests.NOW));
        assertThat(meta.creativesCreatedCount()).isEqualTo(1);
        assertThat(meta.repointCount()).isEqualTo(1);
        assertThat(repointed.headers().firstValue("X-Business-Use-Case-Usage")).hasValueSatisfying(v ->
                assertThat(v).contains("\"1000000000000001\"").contains("call_count"));
    }

    @Test
    void readsAnAdAndItsCreativeSoAClientCanCheckBeforeRetrying() {
        String creativeId = json(createCreative(TOKEN, spec(NEW))).get("id").asString();
        repoint(AD, creativeId);

        JsonNode ad = json(FakeHttp.get(url(AD) + "?" + form("fields", "creative,status", "access_token", TOKEN)));
        JsonNode creative = json(FakeHttp.get(url(creativeId) + "?"
                + form("fields", "object_story_spec,name", "access_token", TOKEN)));
        JsonNode expanded = json(FakeHttp.get(url(AD) + "?"
                + form("fields", "creative{object_story_spec}", "access_token", TOKEN)));
        JsonNode bare = json(FakeHttp.get(url(AD) + "?" + form("access_token", TOKEN)));

        assertThat(ad.get("id").asString()).isEqualTo(AD);
        assertThat(ad.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(ad.at("/creative/id").asString()).isEqualTo(creativeId);
        assertThat(creative.get("name").asString()).isEqualTo("DP link 42");
        assertThat(creative.at("/object_story_spec/link_data/call_to_action/value/app_link").asString()).isEqualTo(NEW);
        assertThat(expanded.at("/creative/object_story_spec/link_data/call_to_action/value/app_link").asString())
                .isEqualTo(NEW);
        assertThat(bare.propertyNames()).containsExactly("id");
    }

    @Test
    void refusesUnknownFields() {
        HttpResponse<String> r = FakeHttp.get(url(AD) + "?" + form("fields", "creative,deeplink", "access_token", TOKEN));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo(100);
        assertThat(json(r).at("/error/message").asString()).contains("nonexisting field (deeplink)");
    }

    @Test
    void refusesMissingUnknownAndForeignTokens() {
        HttpResponse<String> missing = createCreative(null, spec(NEW));
        HttpResponse<String> unknown = createCreative("nope", spec(NEW));
        HttpResponse<String> foreign = createCreative("other-token", spec(NEW));
        HttpResponse<String> foreignAd = FakeHttp.postForm(url(AD), form("status", "PAUSED", "access_token", "other-token"));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(code(missing)).isEqualTo(2500);
        assertThat(code(unknown)).isEqualTo(190);
        assertThat(json(unknown).at("/error/type").asString()).isEqualTo("OAuthException");
        assertThat(code(foreign)).isEqualTo(100);
        assertThat(json(foreign).at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(code(foreignAd)).isEqualTo(100);
        assertThat(meta.status(AD)).isEqualTo("ACTIVE");
        assertThat(meta.creativesCreatedCount()).isZero();
    }

    @Test
    void takesTheTokenFromTheQueryToo() {
        HttpResponse<String> r = FakeHttp.postForm(url(AD) + "?access_token=" + TOKEN, form("status", "PAUSED"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(meta.status(AD)).isEqualTo("PAUSED");
        assertThat(meta.statusUpdateCount()).isEqualTo(1);
    }

    @Test
    void refusesMalformedObjectStorySpecs() {
        HttpResponse<String> notJson = createCreative(TOKEN, "{\"page_id\":\"" + PAGE + "\",\"link_data\":");
        HttpResponse<String> noPage = createCreative(TOKEN, spec(NEW).replace("\"page_id\":\"" + PAGE + "\",", ""));
        HttpResponse<String> noLink = createCreative(TOKEN, spec(NEW).replace("\"link\":\"https://example.com/item/42\",\"message\"",
                "\"message\""));
        HttpResponse<String> badAppLink = createCreative(TOKEN, spec("product/42"));
        HttpResponse<String> missing = FakeHttp.postForm(url(ACCOUNT + "/adcreatives"),
                form("name", "x", "access_token", TOKEN));

        for (HttpResponse<String> r : java.util.List.of(notJson, noPage, noLink, badAppLink, missing)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(code(r)).isEqualTo(100);
        }
        assertThat(meta.refused()).extracting(ReceivedRequest::reason).containsExactly(
                "object_story_spec is not a JSON object", "object_story_spec.page_id missing",
                "object_story_spec.link_data.link missing or not an http(s) URL",
                "object_story_spec.link_data.call_to_action[value][app_link] must be a valid deep link (an absolute URI)",
                "object_story_spec missing");
        assertThat(meta.creativesCreatedCount()).isZero();
    }

    @Test
    void takesAJsonBodyWithTheSpecAsAnObject() {
        HttpResponse<String> r = FakeHttp.postJson(url(ACCOUNT + "/adcreatives"),
                "{\"name\":\"n\",\"object_story_spec\":" + spec(NEW) + ",\"access_token\":\"" + TOKEN + "\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(meta.creativeSpec(json(r).get("id").asString())).contains(NEW);
    }

    @Test
    void aCreativeCannotBeEditedOnlyRenamed() {
        String creativeId = json(createCreative(TOKEN, spec(NEW))).get("id").asString();

        HttpResponse<String> edit = FakeHttp.postForm(url(creativeId),
                form("object_story_spec", spec("myapp://other"), "access_token", TOKEN));
        HttpResponse<String> rename = FakeHttp.postForm(url(creativeId), form("name", "renamed", "access_token", TOKEN));

        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(code(edit)).isEqualTo(100);
        assertThat(json(edit).at("/error/message").asString()).contains("cannot be edited after creation");
        assertThat(meta.creativeSpec(creativeId)).contains(NEW).doesNotContain("myapp://other");
        assertThat(rename.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesRepointsToUnknownOrForeignCreativesAndBadParams() {
        String foreignCreative = meta.currentCreativeId("120210000000000009");

        HttpResponse<String> unknown = repoint(AD, "999");
        HttpResponse<String> foreign = repoint(AD, foreignCreative);
        HttpResponse<String> malformed = FakeHttp.postForm(url(AD), form("creative", "999", "access_token", TOKEN));
        HttpResponse<String> badStatus = FakeHttp.postForm(url(AD), form("status", "STOPPED", "access_token", TOKEN));
        HttpResponse<String> nothing = FakeHttp.postForm(url(AD), form("access_token", TOKEN));
        HttpResponse<String> noAd = repoint("120210000000000777", foreignCreative);

        for (HttpResponse<String> r : java.util.List.of(unknown, foreign, malformed, badStatus, nothing, noAd)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(code(r)).isEqualTo(100);
        }
        assertThat(json(noAd).at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(meta.currentAppLink(AD)).isEqualTo(OLD);
        assertThat(meta.repointHistory(AD)).isEmpty();
    }

    @Test
    void unmodelledEdgesAreUnknownPathComponents() {
        HttpResponse<String> r = FakeHttp.postForm(url(ACCOUNT + "/customaudiences"),
                form("name", "x", "access_token", TOKEN));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo(2500);
        assertThat(meta.refused()).singleElement().satisfies(q -> assertThat(q.reason()).contains("path not modelled"));
    }

    @Test
    void scriptedThrottlingAndServerErrorsAreTransientAndChangeNothing() {
        meta.failNext(1, 429).failNext(1, 503);

        HttpResponse<String> throttled = repoint(AD, meta.currentCreativeId(AD));
        HttpResponse<String> failed = FakeHttp.postForm(url(AD), form("status", "PAUSED", "access_token", TOKEN));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(code(throttled)).isEqualTo(17);
        assertThat(json(throttled).at("/error/is_transient").asBoolean()).isTrue();
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(code(failed)).isEqualTo(2);
        assertThat(json(failed).at("/error/is_transient").asBoolean()).isTrue();
        assertThat(meta.status(AD)).isEqualTo("ACTIVE");
        assertThat(meta.repointCount()).isZero();
    }

    @Test
    void aFailureAfterAcceptingLeavesTheAdRepointed() {
        String creativeId = json(createCreative(TOKEN, spec(NEW))).get("id").asString();
        meta.failNextAfterAccepting(1, 500);

        assertThat(repoint(AD, creativeId).statusCode()).isEqualTo(500);
        assertThat(meta.currentAppLink(AD)).isEqualTo(NEW);
    }

    @Test
    void theAdAccountNodeAnswersItsFieldsToItsTokenAndMetasErrorsToOthers() {
        meta.registerAdAccount("act_3000000000000003", "named-token", "Puzzle studio EU").accountCurrency(
                "act_3000000000000003", "EUR");
        HttpResponse<String> ok = FakeHttp.get(url("act_3000000000000003") + "?"
                + form("fields", "name,currency,account_status", "access_token", "named-token"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode a = json(ok);
        assertThat(a.get("id").asString()).isEqualTo("act_3000000000000003");
        assertThat(a.get("name").asString()).isEqualTo("Puzzle studio EU");
        assertThat(a.get("currency").asString()).isEqualTo("EUR");
        assertThat(a.get("account_status").asInt()).isEqualTo(1);
        JsonNode plain = json(FakeHttp.get(url(ACCOUNT) + "?" + form("fields", "name,currency", "access_token", TOKEN)));
        assertThat(plain.get("name").asString()).isEqualTo("Account " + ACCOUNT);
        assertThat(plain.get("currency").asString()).isEqualTo("USD");

        HttpResponse<String> otherToken = FakeHttp.get(url(ACCOUNT) + "?" + form("fields", "name",
                "access_token", "other-token"));
        assertThat(otherToken.statusCode()).isEqualTo(400);
        assertThat(json(otherToken).get("error").get("code").asInt()).isEqualTo(100);
        assertThat(json(otherToken).get("error").get("error_subcode").asInt()).isEqualTo(33);
        HttpResponse<String> badToken = FakeHttp.get(url(ACCOUNT) + "?" + form("fields", "name",
                "access_token", "no-such-token"));
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(json(badToken).get("error").get("code").asInt()).isEqualTo(190);
        assertThat(json(badToken).get("error").get("type").asString()).isNotEmpty();
        HttpResponse<String> badField = FakeHttp.get(url(ACCOUNT) + "?" + form("fields", "name,balance_x",
                "access_token", TOKEN));
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(json(badField).get("error").get("message").asString()).contains("balance_x");
    }
}
