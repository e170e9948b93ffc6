package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.enc;
import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Creating, listing and switching TikTok campaigns, ad groups and ads over real HTTP. */
class TikTokAdCreationFakeTest {

    static final String ADV = "7000000000000000001";
    static final String OTHER_ADV = "7000000000000000002";
    static final String TOKEN = "tt-marketing-token";

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
    }

    static String url(String endpoint) {
        return fakes.tiktokBaseUrl() + "/open_api/v1.3/" + endpoint;
    }

    static HttpResponse<String> post(String endpoint, ObjectNode body) {
        return FakeHttp.postJson(url(endpoint), body.toString(), "Access-Token", TOKEN);
    }

    static HttpResponse<String> get(String endpoint, String filtering, String more) {
        return FakeHttp.get(url(endpoint) + "?advertiser_id=" + ADV + (filtering == null ? "" : "&filtering="
                + enc(filtering)) + (more == null ? "" : "&" + more), "Access-Token", TOKEN);
    }

    static int code(HttpResponse<String> r) {
        return json(r).get("code").asInt();
    }

    static ObjectNode campaignBody(String name) {
        return FakeJson.MAPPER.createObjectNode().put("advertiser_id", ADV).put("campaign_name", name)
                .put("objective_type", "APP_PROMOTION").put("app_promotion_type", "APP_INSTALL")
                .put("budget_mode", "BUDGET_MODE_DAY").put("budget", 100).put("operation_status", "DISABLE");
    }

    static ObjectNode adgroupBody(String name, String campaignId) {
        ObjectNode b = FakeJson.MAPPER.createObjectNode().put("advertiser_id", ADV).put("campaign_id", campaignId)
                .put("adgroup_name", name).put("placement_type", "PLACEMENT_TYPE_NORMAL")
                .put("budget_mode", "BUDGET_MODE_DAY").put("budget", 50.5).put("schedule_type", "SCHEDULE_FROM_NOW")
                .put("schedule_start_time", "2026-11-21 00:00:00").put("optimization_goal", "INSTALL")
                .put("billing_event", "OCPM").put("pacing", "PACING_MODE_SMOOTH").put("bid_type", "BID_TYPE_NO_BID")
                .put("app_id", "7123456789").put("operation_status", "DISABLE");
        b.putArray("placements").add("PLACEMENT_TIKTOK");
        b.putArray("location_ids").add("6252001");
        return b;
    }

    static ObjectNode creative(String name, String deeplink) {
        ObjectNode c = FakeJson.MAPPER.createObjectNode().put("ad_name", name).put("ad_format", "SINGLE_VIDEO")
                .put("video_id", "v10033g50000").put("ad_text", "Play now").put("call_to_action", "INSTALL_NOW");
        if (deeplink != null) {
            c.put("deeplink", deeplink).put("deeplink_type", "DEFERRED_DEEPLINK").put("fallback_type", "APP_INSTALL");
        }
        return c;
    }

    static ObjectNode adBody(String adgroupId, ObjectNode... creatives) {
        ObjectNode b = FakeJson.MAPPER.createObjectNode().put("advertiser_id", ADV).put("adgroup_id", adgroupId)
                .put("operation_status", "DISABLE");
        ArrayNode list = b.putArray("creatives");
        for (ObjectNode c : creatives) {
            list.add(c);
        }
        return b;
    }

    static String created(HttpResponse<String> r, String field) {
        assertThat(code(r)).as(r.body()).isZero();
        return json(r).at("/data/" + field).asString();
    }

    static String campaign(String name) {
        return created(post("campaign/create/", campaignBody(name)), "campaign_id");
    }

    static String adgroup(String name, String campaignId) {
        return created(post("adgroup/create/", adgroupBody(name, campaignId)), "adgroup_id");
    }

    /** Refused like TikTok: HTTP 200, code 40002, the reason recorded. */
    static void assertRefused(HttpResponse<String> r, String reason) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(code(r)).as(r.body()).isEqualTo(40002);
        assertThat(json(r).get("request_id").asString()).isNotBlank();
        assertThat(tiktok.refused()).last().satisfies(q -> assertThat(q.reason()).contains(reason));
    }

    @Test
    void createsACampaignAnAdGroupAndOneAdPerCreativeAndReadsThemBack() {
        String campaignId = campaign("Summer [k:c1]");
        String adgroupId = adgroup("Summer US [k:g1]", campaignId);

        HttpResponse<String> r = post("ad/create/", adBody(adgroupId, creative("Ad 1 [k:a1]", "myapp://item/1"),
                creative("Ad 2 [k:a2]", null)));

        assertThat(code(r)).isZero();
        JsonNode adIds = json(r).at("/data/ad_ids");
        assertThat(adIds).hasSize(2);
        String ad1 = adIds.get(0).asString();
        JsonNode listed = json(get("ad/get/", "{\"ad_name\":\"[k:a1]\"}", null)).get("data");
        assertThat(listed.at("/page_info/total_number").asInt()).isEqualTo(1);
        JsonNode ad = listed.at("/list/0");
        assertThat(ad.get("ad_id").asString()).isEqualTo(ad1);
        assertThat(ad.get("ad_name").asString()).isEqualTo("Ad 1 [k:a1]");
        assertThat(ad.get("adgroup_id").asString()).isEqualTo(adgroupId);
        assertThat(ad.get("campaign_id").asString()).isEqualTo(campaignId);
        assertThat(ad.get("deeplink").asString()).isEqualTo("myapp://item/1");
        assertThat(ad.get("deeplink_type").asString()).isEqualTo("DEFERRED_DEEPLINK");
        assertThat(ad.get("operation_status").asString()).isEqualTo("DISABLE");
        assertThat(ad.get("create_time").asString()).isEqualTo("2026-11-20 10:15:30");
        JsonNode campaigns = json(get("campaign/get/", "{\"campaign_name\":\"summer\"}", null)).at("/data/list");
        assertThat(campaigns).hasSize(1);
        assertThat(campaigns.at("/0/campaign_id").asString()).isEqualTo(campaignId);
        assertThat(campaigns.at("/0/objective_type").asString()).isEqualTo("APP_PROMOTION");
        assertThat(campaigns.at("/0/budget").decimalValue()).isEqualByComparingTo("100");
        JsonNode adgroups = json(get("adgroup/get/", "{\"campaign_ids\":[\"" + campaignId + "\"]}", null))
                .at("/data/list");
        assertThat(adgroups.at("/0/adgroup_name").asString()).isEqualTo("Summer US [k:g1]");
        assertThat(adgroups.at("/0/location_ids/0").asString()).isEqualTo("6252001");
        assertThat(tiktok.campaigns(ADV)).extracting(AdObject::name).containsExactly("Summer [k:c1]");
        assertThat(tiktok.adGroups(ADV)).singleElement().satisfies(g -> assertThat(g.parentId()).isEqualTo(campaignId));
        assertThat(tiktok.ads(ADV)).extracting(AdObject::name).containsExactly("Ad 1 [k:a1]", "Ad 2 [k:a2]");
        assertThat(tiktok.ads(ADV)).allSatisfy(a -> assertThat(a.parentId()).isEqualTo(adgroupId));
        assertThat(tiktok.currentDeeplink(ad1)).isEqualTo("myapp://item/1");
        // the deep-link swap works on created ads too
        ObjectNode swap = FakeJson.MAPPER.createObjectNode().put("advertiser_id", ADV);
        swap.putArray("creatives").addObject().put("ad_id", ad1).put("deeplink", "myapp://item/2");
        assertThat(code(post("ad/update/", swap))).isZero();
        assertThat(json(get("ad/get/", "{\"ad_ids\":[\"" + ad1 + "\"]}", null)).at("/data/list/0/deeplink")
                .asString()).isEqualTo("myapp://item/2");
    }

    @Test
    void refusesCampaignsLikeTikTok() {
        assertRefused(post("campaign/create/", campaignBody(" ")), "campaign_name missing");
        assertRefused(post("campaign/create/", campaignBody("c").put("objective_type", "APP_INSTALL")),
                "objective_type missing or invalid: APP_INSTALL");
        assertRefused(post("campaign/create/", campaignBody("c").put("budget_mode", "DAILY")),
                "budget_mode missing or invalid");
        assertRefused(post("campaign/create/", (ObjectNode) campaignBody("c").without("budget")),
                "budget missing or not positive for BUDGET_MODE_DAY");
        assertRefused(post("campaign/create/", campaignBody("c").put("operation_status", "DELETE")),
                "operation_status invalid");
        assertRefused(post("campaign/create/", campaignBody("c").put("objective_type", "TRAFFIC")),
                "app_promotion_type invalid");
        HttpResponse<String> foreign = post("campaign/create/", campaignBody("c").put("advertiser_id", OTHER_ADV));
        assertThat(code(foreign)).isEqualTo(40001);
        assertThat(code(post("campaign/create/", ((ObjectNode) campaignBody("c").without("budget"))
                .put("budget_mode", "BUDGET_MODE_INFINITE")))).isZero();
        assertThat(tiktok.campaigns(ADV)).hasSize(1);
    }

    @Test
    void refusesAdGroupsLikeTikTok() {
        String campaignId = campaign("C");
        String edge = "adgroup/create/";

        assertRefused(post(edge, adgroupBody("g", "1790000000000999999")), "campaign 1790000000000999999 unknown");
        assertRefused(post(edge, (ObjectNode) adgroupBody("g", campaignId).without("location_ids")),
                "location_ids missing");
        assertRefused(post(edge, (ObjectNode) adgroupBody("g", campaignId).without("placements")), "placements missing");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("schedule_start_time", "2026-11-21T00:00:00Z")),
                "schedule time unparsable");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("schedule_type", "SCHEDULE_START_END")),
                "schedule_end_time missing");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("budget_mode", "BUDGET_MODE_TOTAL")),
                "lifetime budget without an end");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("schedule_type", "SCHEDULE_START_END")
                .put("schedule_end_time", "2026-11-20 00:00:00")), "schedule end not after start");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("bid_type", "BID_TYPE_CUSTOM")),
                "bid_price missing for BID_TYPE_CUSTOM");
        assertRefused(post(edge, (ObjectNode) adgroupBody("g", campaignId).without("app_id")),
                "app_id missing for an APP_PROMOTION campaign");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("optimization_goal", "INSTALLS")),
                "optimization_goal missing or invalid: INSTALLS");
        assertRefused(post(edge, adgroupBody("g", campaignId).put("budget", 0)), "budget missing or not positive");
        assertThat(tiktok.adGroups(ADV)).isEmpty();
        assertThat(code(post(edge, adgroupBody("g", campaignId).put("bid_type", "BID_TYPE_CUSTOM")
                .put("bid_price", 1.5)))).isZero();
    }

    @Test
    void oneBadCreativeCreatesNoAd() {
        String adgroupId = adgroup("G", campaign("C"));
        ObjectNode longText = creative("b", null).put("ad_text", "x".repeat(101));

        assertRefused(post("ad/create/", adBody(adgroupId, creative("a", null), longText)),
                "creatives[1].ad_text too long");
        assertRefused(post("ad/create/", adBody(adgroupId, (ObjectNode) creative("a", "myapp://x")
                .without("deeplink_type"))), "creatives[0].deeplink_type missing");
        assertRefused(post("ad/create/", adBody(adgroupId, (ObjectNode) creative("a", null).without("video_id"))),
                "creatives[0].video_id missing");
        assertRefused(post("ad/create/", adBody(adgroupId, creative("a", "not a link"))),
                "creatives[0].deeplink is not an absolute URI");
        assertRefused(post("ad/create/", adBody(adgroupId, creative("a", "myapp://x").put("fallback_type", "WEBSITE"))),
                "landing_page_url missing for fallback WEBSITE");
        assertRefused(post("ad/create/", adBody("1780000000000999999", creative("a", null))),
                "adgroup 1780000000000999999 unknown");
        ObjectNode[] many = new ObjectNode[21];
        for (int i = 0; i < many.length; i++) {
            many[i] = creative("ad " + i, null);
        }
        assertRefused(post("ad/create/", adBody(adgroupId, many)), "21 creatives, more than 20");
        assertThat(tiktok.ads(ADV)).isEmpty();
    }

    @Test
    void statusUpdatesOfCampaignsAndAdGroupsAndDeletedObjectsHiddenFromNameSearches() {
        String campaignId = campaign("C [k:del]");
        String adgroupId = adgroup("G", campaignId);
        ObjectNode enable = FakeJson.MAPPER.createObjectNode().put("advertiser_id", ADV)
                .put("operation_status", "ENABLE");
        enable.putArray("campaign_ids").add(campaignId);
        ObjectNode enableGroup = FakeJson.MAPPER.createObjectNode().put("advertiser_id", ADV)
                .put("operation_status", "ENABLE");
        enableGroup.putArray("adgroup_ids").add(adgroupId);

        assertThat(json(post("campaign/status/update/", enable)).at("/data/status").asString()).isEqualTo("ENABLE");
        assertThat(code(post("adgroup/status/update/", enableGroup))).isZero();
        assertThat(tiktok.campaigns(ADV).get(0).status()).isEqualTo("ENABLE");
        assertThat(tiktok.adGroups(ADV).get(0).status()).isEqualTo("ENABLE");
        assertThat(code(post("campaign/status/update/", enable.put("operation_status", "DELETE")))).isZero();

        assertThat(json(get("campaign/get/", "{\"campaign_name\":\"[k:del]\"}", null)).at("/data/list")).isEmpty();
        assertThat(json(get("campaign/get/", "{\"campaign_ids\":[\"" + campaignId + "\"]}", null))
                .at("/data/list/0/operation_status").asString()).isEqualTo("DELETE");
        assertRefused(post("campaign/status/update/", enable.put("operation_status", "ENABLE")), "is deleted");
        assertRefused(post("adgroup/create/", adgroupBody("G2", campaignId)), "(deleted)");
        ObjectNode unknown = enable.deepCopy();
        unknown.putArray("campaign_ids").add("123");
        assertRefused(post("campaign/status/update/", unknown), "123 unknown for advertiser");
    }

    @Test
    void getsRefuseFiltersTheFakeDoesNotModel() {
        assertRefused(get("ad/get/", "{\"primary_status\":\"STATUS_ALL\"}", null), "filtering.primary_status not modelled");
        assertRefused(get("campaign/get/", "{\"campaign_ids\":\"1\"}", null), "filtering.campaign_ids is not an array");
        assertRefused(get("adgroup/get/", "[]", null), "filtering is not a JSON object");
        assertRefused(get("campaign/get/", null, "page_size=1001"), "page_size 1001 out of range");
    }

    @Test
    void failNextCreateFailsAWholeCallTransientlyPermanentlyOrAfterCreating() {
        String adgroupId = adgroup("G", campaign("C"));
        tiktok.failNextCreate("[k:t]", 1, CreateFailure.TRANSIENT)
                .failNextCreate("[k:p]", 1, CreateFailure.INVALID_PARAMETER)
                .failNextCreate(1, c -> c.kind().equals("ad") && c.nameContains("[k:l]"),
                        CreateFailure.TRANSIENT_AFTER_CREATING);

        HttpResponse<String> transientFailure = post("ad/create/", adBody(adgroupId, creative("a [k:t]", null),
                creative("b", null)));
        HttpResponse<String> permanent = post("campaign/create/", campaignBody("C [k:p]"));
        HttpResponse<String> lost = post("ad/create/", adBody(adgroupId, creative("c [k:l]", null)));

        assertThat(transientFailure.statusCode()).isEqualTo(200);
        assertThat(code(transientFailure)).isEqualTo(50000);
        assertThat(code(permanent)).isEqualTo(40002);
        assertThat(code(lost)).isEqualTo(50000);
        assertThat(tiktok.ads(ADV)).extracting(AdObject::name).containsExactly("c [k:l]");
        assertThat(json(get("ad/get/", "{\"ad_name\":\"[k:l]\"}", null)).at("/data/page_info/total_number").asInt())
                .isEqualTo(1);
        assertThat(tiktok.campaigns(ADV)).extracting(AdObject::name).containsExactly("C");
    }
}
