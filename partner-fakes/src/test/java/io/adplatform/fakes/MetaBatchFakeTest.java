package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.form;
import static io.adplatform.fakes.FakeHttp.json;
import static io.adplatform.fakes.MetaAdCreationFakeTest.ACCOUNT;
import static io.adplatform.fakes.MetaAdCreationFakeTest.PAGE;
import static io.adplatform.fakes.MetaAdCreationFakeTest.PROMOTED;
import static io.adplatform.fakes.MetaAdCreationFakeTest.TARGETING;
import static io.adplatform.fakes.MetaAdCreationFakeTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Graph batch requests against the Meta Marketing fake over real HTTP. */
class MetaBatchFakeTest {

    static final String OTHER = "act_2000000000000002";

    static PartnerFakes fakes;
    static MetaMarketingFake meta;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        meta = fakes.metaMarketing();
        meta.registerAdAccount(ACCOUNT, TOKEN).registerAdAccount(OTHER, "other-token");
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
    }

    static ObjectNode op(String method, String relativeUrl, String body) {
        ObjectNode o = FakeJson.MAPPER.createObjectNode().put("method", method).put("relative_url", relativeUrl);
        if (body != null) {
            o.put("body", body);
        }
        return o;
    }

    static HttpResponse<String> batch(ArrayNode ops) {
        return FakeHttp.postForm(fakes.metaBaseUrl(), form("access_token", TOKEN, "batch", ops.toString()));
    }

    static ArrayNode ops(ObjectNode... ops) {
        ArrayNode a = FakeJson.MAPPER.createArrayNode();
        for (ObjectNode o : ops) {
            a.add(o);
        }
        return a;
    }

    static String campaignBody(String name) {
        return form("name", name, "objective", "OUTCOME_APP_PROMOTION", "status", "PAUSED", "special_ad_categories",
                "[]");
    }

    static String adsetBody(String name, String campaignId) {
        return form("name", name, "campaign_id", campaignId, "optimization_goal", "APP_INSTALLS", "billing_event",
                "IMPRESSIONS", "targeting", TARGETING, "status", "PAUSED", "daily_budget", "5000", "promoted_object",
                PROMOTED);
    }

    static String creativeBody(String name, String appLink) {
        String spec = "{\"page_id\":\"" + PAGE + "\",\"link_data\":{\"link\":\"https://example.com/\","
                + "\"call_to_action\":{\"type\":\"INSTALL_MOBILE_APP\",\"value\":{\"link\":\"https://example.com/\","
                + "\"app_link\":\"" + appLink + "\"}}}}";
        return form("name", name, "object_story_spec", spec);
    }

    /** The body written plainly, as Meta's docs do: the JSON value with the reference left unencoded. */
    static String adBody(String name, String adsetRef, String creativeRef) {
        return "name=" + FakeHttp.enc(name) + "&adset_id=" + adsetRef + "&status=PAUSED&creative={\"creative_id\":\""
                + creativeRef + "\"}";
    }

    static String adsetId() {
        String campaign = json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/campaigns",
                campaignBody("C") + "&access_token=" + TOKEN)).get("id").asString();
        return json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/adsets",
                adsetBody("S", campaign) + "&access_token=" + TOKEN)).get("id").asString();
    }

    static String creativeId(String name) {
        return json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/adcreatives",
                creativeBody(name, "myapp://x") + "&access_token=" + TOKEN)).get("id").asString();
    }

    static JsonNode body(JsonNode answer) {
        return FakeJson.MAPPER.readTree(answer.get("body").asString());
    }

    @Test
    void createsAWholeAdInOneBatchThroughReferences() {
        ArrayNode ops = ops(
                op("POST", "v21.0/" + ACCOUNT + "/campaigns", campaignBody("C [k:1]")).put("name", "campaign"),
                op("POST", "v21.0/" + ACCOUNT + "/adsets", adsetBody("S [k:1]", "{result=campaign:$.id}"))
                        .put("name", "adset"),
                op("POST", ACCOUNT + "/adcreatives", creativeBody("CR [k:1]", "myapp://item/1"))
                        .put("name", "creative").put("omit_response_on_success", false),
                op("POST", "/v21.0/" + ACCOUNT + "/ads", adBody("A [k:1]", "{result=adset:$.id}",
                        "{result=creative:$.id}")));

        HttpResponse<String> r = batch(ops);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answers = json(r);
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).isNull()).isTrue(); // referenced later: omitted by default, as Graph does
        assertThat(answers.get(1).isNull()).isTrue();
        assertThat(answers.get(2).get("code").asInt()).isEqualTo(200); // omit_response_on_success=false keeps it
        String creativeId = body(answers.get(2)).get("id").asString();
        assertThat(answers.get(3).get("code").asInt()).isEqualTo(200);
        String adId = body(answers.get(3)).get("id").asString();
        assertThat(answers.get(3).get("headers")).anySatisfy(h -> {
            assertThat(h.get("name").asString()).isEqualTo("X-Business-Use-Case-Usage");
            assertThat(h.get("value").asString()).contains("1000000000000001");
        });
        assertThat(r.headers().firstValue("X-Business-Use-Case-Usage")).hasValueSatisfying(v ->
                assertThat(v).contains("\"1000000000000001\"").contains("ads_management"));
        String campaignId = meta.campaigns(ACCOUNT).get(0).id();
        String adsetId = meta.adSets(ACCOUNT).get(0).id();
        assertThat(meta.adSets(ACCOUNT).get(0).parentId()).isEqualTo(campaignId);
        assertThat(meta.ads(ACCOUNT)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(adId);
            assertThat(a.parentId()).isEqualTo(adsetId);
            assertThat(a.name()).isEqualTo("A [k:1]");
        });
        assertThat(meta.currentCreativeId(adId)).isEqualTo(creativeId);
        assertThat(meta.currentAppLink(adId)).isEqualTo("myapp://item/1");
        assertThat(meta.batchCount()).isEqualTo(1);
        assertThat(meta.batchOperationCount()).isEqualTo(4);
        assertThat(meta.accepted()).singleElement().satisfies(q -> assertThat(q.reason()).isNull());
    }

    @Test
    void oneFailedOperationInBetweenLeavesTheOthersDone() {
        String adsetId = adsetId();
        String creativeId = creativeId("cr");
        meta.failNextCreate("ad 3", 1, CreateFailure.TRANSIENT);
        ArrayNode ops = FakeJson.MAPPER.createArrayNode();
        for (int i = 1; i <= 5; i++) {
            ops.add(op("POST", "v21.0/" + ACCOUNT + "/ads", adBody("ad " + i, adsetId, creativeId)));
        }

        JsonNode answers = json(batch(ops));

        assertThat(answers).extracting(a -> a.get("code").asInt()).containsExactly(200, 200, 500, 200, 200);
        assertThat(body(answers.get(2)).at("/error/code").asInt()).isEqualTo(2);
        assertThat(body(answers.get(2)).at("/error/is_transient").asBoolean()).isTrue();
        assertThat(meta.ads(ACCOUNT)).extracting(AdObject::name).containsExactly("ad 1", "ad 2", "ad 4", "ad 5");
        assertThat(meta.accepted()).last().satisfies(q ->
                assertThat(q.reason()).contains("1 of 5 batch operations failed").contains("batch[2]"));
    }

    @Test
    void anOperationDependingOnAFailedOneIsNotRun() {
        meta.failNextCreate("[k:bad]", 1, CreateFailure.INVALID_PARAMETER);
        ArrayNode ops = ops(
                op("POST", "v21.0/" + ACCOUNT + "/campaigns", campaignBody("C [k:bad]")).put("name", "campaign"),
                op("POST", "v21.0/" + ACCOUNT + "/adsets", adsetBody("S", "{result=campaign:$.id}")),
                op("POST", "v21.0/" + ACCOUNT + "/campaigns", campaignBody("C2")).put("depends_on", "campaign"),
                op("POST", "v21.0/" + ACCOUNT + "/campaigns", campaignBody("C3")));

        JsonNode answers = json(batch(ops));

        assertThat(answers).extracting(a -> a.get("code").asInt()).containsExactly(400, 400, 400, 200);
        assertThat(body(answers.get(0)).at("/error/code").asInt()).isEqualTo(100);
        assertThat(body(answers.get(1)).at("/error/message").asString()).contains("was not run").contains("campaign");
        assertThat(body(answers.get(2)).at("/error/message").asString()).contains("was not run");
        assertThat(meta.campaigns(ACCOUNT)).extracting(AdObject::name).containsExactly("C3");
        assertThat(meta.adSets(ACCOUNT)).isEmpty();
    }

    @Test
    void refusesMoreThanFiftyOperations() {
        ArrayNode fifty = FakeJson.MAPPER.createArrayNode();
        for (int i = 0; i < 50; i++) {
            fifty.add(op("GET", "v21.0/" + ACCOUNT + "/campaigns", null));
        }
        ArrayNode fiftyOne = fifty.deepCopy().add(op("GET", "v21.0/" + ACCOUNT + "/campaigns", null));

        HttpResponse<String> tooMany = batch(fiftyOne);
        HttpResponse<String> ok = batch(fifty);

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/code").asInt()).isEqualTo(100);
        assertThat(json(tooMany).at("/error/message").asString()).contains("Maximum batch size is 50");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok)).hasSize(50).allSatisfy(a -> assertThat(a.get("code").asInt()).isEqualTo(200));
    }

    @Test
    void refusesMalformedBatches() {
        HttpResponse<String> missing = FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/", form("access_token", TOKEN));
        HttpResponse<String> notArray = FakeHttp.postForm(fakes.metaBaseUrl() + "/",
                form("access_token", TOKEN, "batch", "{\"method\":\"GET\"}"));
        HttpResponse<String> noUrl = batch(ops(FakeJson.MAPPER.createObjectNode().put("method", "GET")));
        HttpResponse<String> objectBody = batch(ops((ObjectNode) op("POST", ACCOUNT + "/campaigns", null)
                .set("body", FakeJson.MAPPER.createObjectNode().put("name", "x"))));
        HttpResponse<String> sameName = batch(ops(op("GET", ACCOUNT + "/ads", null).put("name", "a"),
                op("GET", ACCOUNT + "/ads", null).put("name", "a")));
        HttpResponse<String> noToken = FakeHttp.postForm(fakes.metaBaseUrl(),
                form("batch", ops(op("GET", ACCOUNT + "/ads", null)).toString()));
        HttpResponse<String> get = FakeHttp.get(fakes.metaBaseUrl() + "/?" + form("access_token", TOKEN));

        for (HttpResponse<String> r : List.of(missing, notArray, noUrl, objectBody, sameName, get)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).at("/error/code").asInt()).as(r.body()).isEqualTo(100);
        }
        assertThat(json(noToken).at("/error/code").asInt()).isEqualTo(2500);
        assertThat(meta.refused()).extracting(ReceivedRequest::reason).contains("batch missing",
                "batch is not a JSON array", "batch[0] without method or relative_url", "batch[0].body is not a string",
                "batch[1] repeats name a");
    }

    @Test
    void referencesToUnknownOrLaterOperationsAndUnresolvablePathsFail() {
        ArrayNode ops = ops(
                op("GET", ACCOUNT + "/campaigns?fields=id", null).put("name", "list").put("depends_on", "later"),
                op("POST", ACCOUNT + "/campaigns", campaignBody("x")).put("name", "later"),
                op("POST", "{result=later:$.nothing}", "status=PAUSED"),
                op("POST", "{result=later:id}", "status=PAUSED"));

        JsonNode answers = json(batch(ops));

        assertThat(answers.get(0).get("code").asInt()).isEqualTo(400);
        assertThat(answers.get(1).isNull()).isTrue(); // succeeded, and referenced later
        assertThat(answers.get(2).get("code").asInt()).isEqualTo(400);
        assertThat(answers.get(3).get("code").asInt()).isEqualTo(400);
        assertThat(meta.campaigns(ACCOUNT)).hasSize(1);
        assertThat(body(answers.get(0)).at("/error/message").asString()).contains("not an earlier operation");
        assertThat(body(answers.get(2)).at("/error/message").asString()).contains("selects nothing");
        assertThat(body(answers.get(3)).at("/error/message").asString()).contains("not a JSONPath");
    }

    @Test
    void resolvesDataStarPathsAndUrlEncodedReferences() {
        String adsetId = adsetId();
        String creativeId = creativeId("cr");
        String adA = json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/ads",
                adBody("x [k:9] a", adsetId, creativeId) + "&access_token=" + TOKEN)).get("id").asString();
        String adB = json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/ads",
                adBody("x [k:9] b", adsetId, creativeId) + "&access_token=" + TOKEN)).get("id").asString();
        String filtering = FakeHttp.enc("[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\"[k:9]\"}]");
        ArrayNode ops = ops(
                op("GET", ACCOUNT + "/ads?fields=id&filtering=" + filtering, null).put("name", "found"),
                op("GET", "{result=found:$.data.*.id}?fields=id", null),
                op("POST", "{result=found:$.data[0].id}", "status=ACTIVE"),
                op("POST", ACCOUNT + "/ads", form("name", "copy", "adset_id", adsetId, "creative",
                        "{\"creative_id\":\"{result=found:$.data.1.id}\"}")));

        JsonNode answers = json(batch(ops));

        assertThat(answers.get(0).isNull()).isTrue();
        // both ids, comma-joined, newest first (Graph would read several objects; the fake names them unknown)
        assertThat(body(answers.get(1)).at("/error/message").asString()).contains("'" + adB + "," + adA + "'");
        assertThat(answers.get(2).get("code").asInt()).isEqualTo(200);
        assertThat(meta.status(adB)).isEqualTo("ACTIVE"); // newest first: data[0] is b
        assertThat(meta.status(adA)).isEqualTo("PAUSED");
        // the encoded reference named the ad a (data.1), which is no creative: refused as such
        assertThat(body(answers.get(3)).at("/error/message").asString()).contains("Ad creative " + adA);
    }

    @Test
    void severalAdSetsUnderOneCampaignInOneBatchAreRefusedAsAtMeta() {
        String campaign = json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/campaigns",
                campaignBody("C") + "&access_token=" + TOKEN)).get("id").asString();
        ArrayNode ops = ops(op("POST", ACCOUNT + "/adsets", adsetBody("S1", campaign)),
                op("POST", ACCOUNT + "/adsets", adsetBody("S2", campaign)));

        JsonNode first = json(batch(ops));
        JsonNode alone = json(batch(ops(op("POST", ACCOUNT + "/adsets", adsetBody("S2", campaign)))));

        assertThat(first).extracting(a -> a.get("code").asInt()).containsExactly(200, 400);
        assertThat(body(first.get(1)).at("/error/message").asString()).contains("same campaign");
        assertThat(alone.get(0).get("code").asInt()).isEqualTo(200);
        assertThat(meta.adSets(ACCOUNT)).extracting(AdObject::name).containsExactly("S1", "S2");
    }

    @Test
    void operationsCountOneByOneTowardsThrottlingAndAnswerTheirOwnError() {
        meta.throttleAfter(ACCOUNT, 3, Duration.ofHours(1));
        ArrayNode ops = FakeJson.MAPPER.createArrayNode();
        for (int i = 1; i <= 5; i++) {
            ops.add(op("POST", ACCOUNT + "/campaigns", campaignBody("C" + i)));
        }

        HttpResponse<String> r = batch(ops);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answers = json(r);
        assertThat(answers).extracting(a -> a.get("code").asInt()).containsExactly(200, 200, 200, 400, 400);
        JsonNode error = body(answers.get(3)).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(80004);
        assertThat(error.get("is_transient").asBoolean()).isTrue();
        JsonNode usage = FakeJson.MAPPER.readTree(r.headers().firstValue("X-Business-Use-Case-Usage").orElseThrow())
                .get("1000000000000001").get(0);
        assertThat(usage.get("call_count").asInt()).isEqualTo(100);
        assertThat(usage.get("estimated_time_to_regain_access").asInt()).isEqualTo(60); // minutes, as Meta
        assertThat(meta.campaigns(ACCOUNT)).hasSize(3);
    }

    @Test
    void anOperationCarriesItsOwnTokenAndHeadersCanBeLeftOut() {
        meta.createAd(OTHER, "120210000000000009", PAGE);
        ArrayNode ops = ops(op("GET", "120210000000000009?fields=status", null),
                op("GET", "120210000000000009?fields=status&access_token=other-token", null));

        JsonNode answers = json(FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0", form("access_token", TOKEN,
                "batch", ops.toString(), "include_headers", "false")));

        assertThat(answers.get(0).get("code").asInt()).isEqualTo(400);
        assertThat(body(answers.get(0)).at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(answers.get(1).get("code").asInt()).isEqualTo(200);
        assertThat(body(answers.get(1)).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(answers.get(1).has("headers")).isFalse();
    }

    @Test
    void oneHundredTwentyAdsInBatchesOfTenWithALostAnswerEndAsExactlyOneHundredTwenty() {
        String adsetId = adsetId();
        meta.failNextCreate(1, c -> c.kind().equals("ad") && c.nameContains("[ad:57]"),
                        CreateFailure.TRANSIENT_AFTER_CREATING)
                .failNextCreate(1, c -> c.kind().equals("ad") && c.nameContains("[ad:88]"), CreateFailure.TRANSIENT);
        List<Integer> retry = new ArrayList<>();
        for (int batch = 0; batch < 12; batch++) {
            ArrayNode ops = FakeJson.MAPPER.createArrayNode();
            for (int i = 0; i < 10; i++) {
                int n = batch * 10 + i + 1;
                ops.add(op("POST", ACCOUNT + "/adcreatives", creativeBody("cr [ad:" + n + "]", "myapp://ad/" + n))
                        .put("name", "cr" + n));
                ops.add(op("POST", ACCOUNT + "/ads", adBody("ad [ad:" + n + "]", adsetId, "{result=cr" + n + ":$.id}")));
            }
            JsonNode answers = json(batch(ops));
            for (int i = 0; i < 10; i++) {
                if (answers.get(2 * i + 1).get("code").asInt() != 200) {
                    retry.add(batch * 10 + i + 1);
                }
            }
        }
        // what a careful client does before re-creating: look the ad up by its name marker
        for (int n : retry) {
            String filtering = "[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\"[ad:" + n + "]\"}]";
            JsonNode found = json(FakeHttp.get(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/ads?"
                    + form("fields", "id,name", "filtering", filtering, "access_token", TOKEN)));
            if (found.get("data").isEmpty()) {
                String creative = creativeId("cr again [ad:" + n + "]");
                FakeHttp.postForm(fakes.metaBaseUrl() + "/v21.0/" + ACCOUNT + "/ads",
                        adBody("ad [ad:" + n + "]", adsetId, creative) + "&access_token=" + TOKEN);
            }
        }

        List<AdObject> ads = meta.ads(ACCOUNT);
        Set<String> names = new HashSet<>(ads.stream().map(AdObject::name).toList());
        assertThat(retry).containsExactly(57, 88);
        assertThat(ads).hasSize(120);
        assertThat(names).hasSize(120);
        assertThat(meta.batchOperationCount()).isEqualTo(240);
    }
}
