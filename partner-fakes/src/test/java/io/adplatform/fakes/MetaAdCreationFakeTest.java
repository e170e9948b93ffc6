package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.form;
import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Creating, listing, reading and pausing Meta campaigns, ad sets, creatives and ads over real HTTP. */
class MetaAdCreationFakeTest {

    static final String ACCOUNT = "act_1000000000000001";
    static final String TOKEN = "meta-marketing-token";
    static final String OTHER = "act_2000000000000002";
    static final String OTHER_TOKEN = "other-token";
    static final String PAGE = "100000000000001";
    static final String TARGETING = "{\"geo_locations\":{\"countries\":[\"US\",\"CA\"]},\"age_min\":18}";
    static final String PROMOTED = "{\"application_id\":\"1234567890\","
            + "\"object_store_url\":\"https://apps.apple.com/app/id1234567890\"}";

    static PartnerFakes fakes;
    static MetaMarketingFake meta;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        meta = fakes.metaMarketing();
        meta.registerAdAccount(ACCOUNT, TOKEN).registerAdAccount(OTHER, OTHER_TOKEN);
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
    }

    static String url(String path) {
        return fakes.metaBaseUrl() + "/v21.0/" + path;
    }

    /** POSTs the form (name, value, ...) with the account's token. */
    static HttpResponse<String> post(String path, String... pairs) {
        List<String> all = new ArrayList<>(List.of(pairs));
        all.add("access_token");
        all.add(TOKEN);
        return FakeHttp.postForm(url(path), form(all.toArray(String[]::new)));
    }

    static HttpResponse<String> get(String path, String... pairs) {
        List<String> all = new ArrayList<>(List.of(pairs));
        all.add("access_token");
        all.add(TOKEN);
        return FakeHttp.get(url(path) + "?" + form(all.toArray(String[]::new)));
    }

    static String id(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("id").asString();
    }

    static int code(HttpResponse<String> r) {
        return json(r).at("/error/code").asInt();
    }

    /** A paused app-promotion campaign; {@code changes}: name, value pairs replacing or adding fields. */
    static String campaign(String name, String... changes) {
        String[] form = {"name", name, "objective", "OUTCOME_APP_PROMOTION", "status", "PAUSED",
            "special_ad_categories", "[]"};
        for (int i = 0; i + 1 < changes.length; i += 2) {
            form = with(form, changes[i], changes[i + 1]);
        }
        return id(post(ACCOUNT + "/campaigns", form));
    }

    static String[] adsetForm(String name, String campaignId) {
        return new String[] {"name", name, "campaign_id", campaignId, "optimization_goal", "APP_INSTALLS",
            "billing_event", "IMPRESSIONS", "targeting", TARGETING, "status", "PAUSED", "daily_budget", "5000",
            "promoted_object", PROMOTED};
    }

    static String adset(String name, String campaignId) {
        return id(post(ACCOUNT + "/adsets", adsetForm(name, campaignId)));
    }

    static String creative(String name) {
        String spec = "{\"page_id\":\"" + PAGE + "\",\"link_data\":{\"link\":\"https://example.com/item/42\","
                + "\"message\":\"Item 42\",\"call_to_action\":{\"type\":\"INSTALL_MOBILE_APP\",\"value\":{"
                + "\"link\":\"https://example.com/item/42\",\"app_link\":\"myapp://item/42\"}}}}";
        return id(post(ACCOUNT + "/adcreatives", "name", name, "object_story_spec", spec));
    }

    static HttpResponse<String> createAd(String name, String adsetId, String creativeId) {
        return post(ACCOUNT + "/ads", "name", name, "adset_id", adsetId, "creative",
                "{\"creative_id\":\"" + creativeId + "\"}", "status", "PAUSED");
    }

    /** Every refusal: HTTP 400, code 100, and what the fake recorded as the reason. */
    static void assertRefused(HttpResponse<String> r, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(code(r)).isEqualTo(100);
        assertThat(json(r).at("/error/fbtrace_id").asString()).isNotBlank();
        assertThat(meta.refused()).last().satisfies(q -> assertThat(q.reason()).contains(reason));
    }

    @Test
    void createsACampaignAnAdSetACreativeAndAnAdThatReadBack() {
        String campaignId = campaign("Summer [k:c1]");
        String adsetId = adset("Summer US [k:s1]", campaignId);
        String creativeId = creative("Summer creative");
        String adId = id(createAd("Summer ad [k:a1]", adsetId, creativeId));

        JsonNode ad = json(get(adId, "fields", "id,name,status,effective_status,adset_id,campaign_id,creative{id},"
                + "account_id,created_time"));
        JsonNode adset = json(get(adsetId, "fields", "name,campaign_id,daily_budget,targeting,promoted_object,"
                + "optimization_goal,billing_event,status"));
        JsonNode campaign = json(get(campaignId, "fields", "name,objective,special_ad_categories,status"));

        assertThat(ad.get("name").asString()).isEqualTo("Summer ad [k:a1]");
        assertThat(ad.get("status").asString()).isEqualTo("PAUSED");
        assertThat(ad.get("adset_id").asString()).isEqualTo(adsetId);
        assertThat(ad.get("campaign_id").asString()).isEqualTo(campaignId);
        assertThat(ad.at("/creative/id").asString()).isEqualTo(creativeId);
        assertThat(ad.get("account_id").asString()).isEqualTo("1000000000000001");
        assertThat(ad.get("created_time").asString()).isEqualTo("2026-11-20T10:15:30+0000");
        assertThat(adset.get("daily_budget").asString()).isEqualTo("5000");
        assertThat(adset.at("/targeting/geo_locations/countries/1").asString()).isEqualTo("CA");
        assertThat(adset.at("/promoted_object/application_id").asString()).isEqualTo("1234567890");
        assertThat(campaign.get("objective").asString()).isEqualTo("OUTCOME_APP_PROMOTION");
        assertThat(campaign.get("special_ad_categories").isArray()).isTrue();
        assertThat(meta.campaigns(ACCOUNT)).extracting(AdObject::name).containsExactly("Summer [k:c1]");
        assertThat(meta.adSets(ACCOUNT)).singleElement().satisfies(s -> assertThat(s.parentId()).isEqualTo(campaignId));
        assertThat(meta.ads(ACCOUNT)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(adId);
            assertThat(a.parentId()).isEqualTo(adsetId);
            assertThat(a.status()).isEqualTo("PAUSED");
        });
        assertThat(meta.adCreatives(ACCOUNT)).extracting(AdObject::id).containsExactly(creativeId);
        assertThat(meta.creativesCreatedCount()).isEqualTo(1);
        assertThat(meta.currentAppLink(adId)).isEqualTo("myapp://item/42");
    }

    @Test
    void statusUpdatesOfCampaignsAdSetsAndAdsAndWhatTheyMeanForTheAd() {
        String campaignId = campaign("C");
        String adsetId = adset("S", campaignId);
        String adId = id(createAd("A", adsetId, creative("cr")));

        assertThat(json(post(adId, "status", "ACTIVE")).get("success").asBoolean()).isTrue();
        post(adsetId, "status", "ACTIVE");
        assertThat(json(get(adId, "fields", "effective_status")).get("effective_status").asString())
                .isEqualTo("CAMPAIGN_PAUSED");
        post(campaignId, "status", "ACTIVE");
        post(adsetId, "status", "PAUSED");
        assertThat(json(get(adId, "fields", "effective_status")).get("effective_status").asString())
                .isEqualTo("ADSET_PAUSED");
        post(adsetId, "status", "ACTIVE");
        assertThat(json(get(adId, "fields", "effective_status,configured_status")).get("effective_status").asString())
                .isEqualTo("ACTIVE");

        assertRefused(post(campaignId, "objective", "OUTCOME_TRAFFIC"), "not modelled for update: objective");
        assertRefused(post(campaignId, "status", "STOPPED"), "status STOPPED invalid");
        post(campaignId, "status", "DELETED");
        assertRefused(post(campaignId, "status", "ACTIVE"), "is deleted");
        assertThat(meta.campaigns(ACCOUNT)).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("DELETED"));
    }

    @Test
    void refusesCampaignsLikeGraph() {
        String edge = ACCOUNT + "/campaigns";
        assertRefused(post(edge, "objective", "OUTCOME_TRAFFIC", "special_ad_categories", "[]"), "campaign name missing");
        assertRefused(post(edge, "name", "c", "objective", "APP_INSTALLS", "special_ad_categories", "[]"),
                "objective APP_INSTALLS invalid");
        assertRefused(post(edge, "name", "c", "objective", "OUTCOME_TRAFFIC"), "special_ad_categories missing");
        assertRefused(post(edge, "name", "c", "objective", "OUTCOME_TRAFFIC", "special_ad_categories", "[\"GAMES\"]"),
                "special_ad_categories holds");
        assertRefused(post(edge, "name", "c", "objective", "OUTCOME_TRAFFIC", "special_ad_categories", "[]",
                "status", "DELETED"), "campaign status DELETED invalid");
        assertRefused(post(edge, "name", "c", "objective", "OUTCOME_TRAFFIC", "special_ad_categories", "[]",
                "daily_budget", "1000", "lifetime_budget", "5000"), "both daily_budget and lifetime_budget");
        assertRefused(post(edge, "name", "c", "objective", "OUTCOME_TRAFFIC", "special_ad_categories", "[]",
                "daily_budget", "10.50"), "daily_budget not an integer");
        HttpResponse<String> tooLow = post(edge, "name", "c", "objective", "OUTCOME_TRAFFIC",
                "special_ad_categories", "[]", "daily_budget", "50");
        assertRefused(tooLow, "daily_budget below 100");
        assertThat(json(tooLow).at("/error/error_subcode").asInt()).isEqualTo(1885272);
        HttpResponse<String> foreign = FakeHttp.postForm(url(OTHER + "/campaigns"), form("name", "c", "objective",
                "OUTCOME_TRAFFIC", "special_ad_categories", "[]", "access_token", TOKEN));
        assertThat(code(foreign)).isEqualTo(100);
        assertThat(json(foreign).at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(meta.campaigns(ACCOUNT)).isEmpty();
        assertThat(meta.campaigns(OTHER)).isEmpty();
    }

    @Test
    void statusDefaultsToActiveAsAtMeta() {
        String id = id(post(ACCOUNT + "/campaigns", "name", "c", "objective", "OUTCOME_TRAFFIC",
                "special_ad_categories", "[\"NONE\"]"));

        assertThat(json(get(id, "fields", "status")).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void refusesAdSetsLikeGraph() {
        String campaignId = campaign("C");
        String traffic = campaign("T", "objective", "OUTCOME_TRAFFIC");
        String cboCampaign = campaign("CBO", "objective", "OUTCOME_TRAFFIC", "daily_budget", "10000");
        String foreignCampaign = id(FakeHttp.postForm(url(OTHER + "/campaigns"), form("name", "f", "objective",
                "OUTCOME_TRAFFIC", "special_ad_categories", "[]", "access_token", OTHER_TOKEN)));
        String edge = ACCOUNT + "/adsets";

        assertRefused(post(edge, adsetForm("s", "999")), "campaign 999 not in");
        assertRefused(post(edge, adsetForm("s", foreignCampaign)), "not in " + ACCOUNT);
        assertRefused(post(edge, with(adsetForm("s", campaignId), "optimization_goal", "INSTALLS")),
                "optimization_goal missing or invalid: INSTALLS");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "billing_event", "CPM")),
                "billing_event missing or invalid: CPM");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "targeting", "{\"age_min\":18}")),
                "targeting.geo_locations missing");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "targeting",
                "{\"geo_locations\":{\"countries\":[\"usa\"]}}")), "countries holds");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "daily_budget", null)), "ad set budget missing");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "lifetime_budget", "100000")),
                "both daily_budget and lifetime_budget");
        assertRefused(post(edge, with(with(adsetForm("s", campaignId), "daily_budget", null), "lifetime_budget",
                "100000")), "lifetime_budget without end_time");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "promoted_object", null)),
                "promoted_object missing");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "promoted_object",
                "{\"application_id\":\"1\",\"object_store_url\":\"itunes\"}")), "object_store_url");
        assertRefused(post(edge, with(adsetForm("s", campaignId), "bid_strategy", "COST_CAP")),
                "bid_amount missing for COST_CAP");
        assertRefused(post(edge, with(with(adsetForm("s", campaignId), "start_time", "2026-12-01T00:00:00+0000"),
                "end_time", "2026-11-30T00:00:00+0000")), "end_time not after start_time");
        assertRefused(post(edge, adsetForm("s", cboCampaign)), "ad set budget under a campaign budget");
        String[] noApp = with(with(with(adsetForm("s", traffic), "promoted_object", null), "optimization_goal",
                "LINK_CLICKS"), "billing_event", "LINK_CLICKS");

        assertThat(meta.adSets(ACCOUNT)).isEmpty();
        assertThat(id(post(edge, noApp))).isNotBlank(); // traffic needs no promoted_object
        assertThat(id(post(edge, with(with(adsetForm("s2", campaignId), "daily_budget", null),
                "lifetime_budget", "100000", "end_time", "1796083200")))).isNotBlank();
        assertThat(id(post(edge, with(adsetForm("s3", cboCampaign), "daily_budget", null)))).isNotBlank();
    }

    @Test
    void refusesAdsWithoutAnAdSetOrACreativeOfTheAccount() {
        String adsetId = adset("S", campaign("C"));
        String creativeId = creative("cr");
        String foreignCreative = meta.createAd(OTHER, "120210000000000009", PAGE).currentCreativeId("120210000000000009");

        assertRefused(createAd("a", "999", creativeId), "ad set 999 not in");
        assertRefused(createAd("a", adsetId, foreignCreative), "creative " + foreignCreative + " not in");
        assertRefused(post(ACCOUNT + "/ads", "name", "a", "adset_id", adsetId, "creative", creativeId),
                "creative is not {\"creative_id\":...}");
        assertRefused(post(ACCOUNT + "/ads", "adset_id", adsetId, "creative", "{\"creative_id\":\"" + creativeId
                + "\"}"), "ad name missing");
        post(adsetId, "status", "DELETED");
        assertRefused(createAd("a", adsetId, creativeId), "is DELETED");
        assertThat(meta.ads(ACCOUNT)).isEmpty();
    }

    @Test
    void takesVideoCreativesWithAThumbnail() {
        String video = "{\"page_id\":\"" + PAGE + "\",\"video_data\":{\"video_id\":\"987\",\"image_hash\":\"abc\","
                + "\"message\":\"Play\",\"call_to_action\":{\"type\":\"INSTALL_MOBILE_APP\",\"value\":{"
                + "\"link\":\"https://apps.apple.com/app/id1\",\"app_link\":\"myapp://level/3\"}}}}";
        String id = id(post(ACCOUNT + "/adcreatives", "name", "v", "object_story_spec", video));

        assertThat(meta.creativeSpec(id)).contains("myapp://level/3");
        assertRefused(post(ACCOUNT + "/adcreatives", "name", "v", "object_story_spec",
                video.replace(",\"image_hash\":\"abc\"", "")), "video_data without image_hash or image_url");
        assertRefused(post(ACCOUNT + "/adcreatives", "name", "v", "object_story_spec",
                video.replace("\"video_id\":\"987\",", "")), "video_data.video_id missing");
    }

    @Test
    void listsByNameMarkerNewestFirstAndPages() {
        String adsetId = adset("S", campaign("C"));
        String creativeId = creative("cr");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(id(createAd("Ad " + i + " [k:batch-7:" + i + "]", adsetId, creativeId)));
        }
        id(createAd("Other ad", adsetId, creativeId));

        JsonNode exact = json(get(ACCOUNT + "/ads", "fields", "id,name,status", "filtering",
                "[{\"field\":\"name\",\"operator\":\"EQUAL\",\"value\":\"Ad 3 [k:batch-7:3]\"}]"));
        JsonNode marker = json(get(ACCOUNT + "/ads", "fields", "id,name", "limit", "2", "filtering",
                "[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\"K:BATCH-7\"}]"));
        JsonNode second = json(FakeHttp.get(marker.at("/paging/next").asString()));
        JsonNode third = json(FakeHttp.get(second.at("/paging/next").asString()));
        JsonNode byId = json(get(ACCOUNT + "/ads", "filtering", "[{\"field\":\"id\",\"operator\":\"IN\",\"value\":[\""
                + ids.get(0) + "\",\"" + ids.get(4) + "\"]}]"));
        JsonNode inAdSet = json(get(ACCOUNT + "/ads", "filtering",
                "[{\"field\":\"adset.id\",\"operator\":\"EQUAL\",\"value\":\"" + adsetId + "\"}]", "limit", "100"));

        assertThat(exact.get("data")).hasSize(1);
        assertThat(exact.at("/data/0/id").asString()).isEqualTo(ids.get(2));
        assertThat(exact.at("/data/0/status").asString()).isEqualTo("PAUSED");
        assertThat(marker.get("data")).extracting(n -> n.get("id").asString()).containsExactly(ids.get(4), ids.get(3));
        assertThat(second.get("data")).extracting(n -> n.get("id").asString()).containsExactly(ids.get(2), ids.get(1));
        assertThat(third.get("data")).extracting(n -> n.get("id").asString()).containsExactly(ids.get(0));
        assertThat(third.at("/paging/next").isMissingNode()).isTrue();
        assertThat(byId.get("data")).extracting(n -> n.get("id").asString()).containsExactly(ids.get(4), ids.get(0));
        assertThat(byId.at("/data/0").propertyNames()).containsExactly("id");
        assertThat(inAdSet.get("data")).hasSize(6);
    }

    @Test
    void deletedObjectsAreListedOnlyWhenAskedByStatus() {
        String adsetId = adset("S", campaign("C"));
        String adId = id(createAd("gone [k:x]", adsetId, creative("cr")));
        post(adId, "status", "DELETED");

        JsonNode plain = json(get(ACCOUNT + "/ads", "filtering",
                "[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\"[k:x]\"}]"));
        JsonNode withDeleted = json(get(ACCOUNT + "/ads", "fields", "effective_status", "filtering",
                "[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\"[k:x]\"},{\"field\":\"effective_status\","
                        + "\"operator\":\"IN\",\"value\":[\"ACTIVE\",\"PAUSED\",\"DELETED\"]}]"));

        assertThat(plain.get("data")).isEmpty();
        assertThat(withDeleted.at("/data/0/effective_status").asString()).isEqualTo("DELETED");
    }

    @Test
    void refusesBadListingQueries() {
        assertRefused(get(ACCOUNT + "/ads", "filtering", "{\"field\":\"name\"}"), "filtering is not a JSON array");
        assertRefused(get(ACCOUNT + "/ads", "filtering", "[{\"field\":\"title\",\"operator\":\"EQUAL\",\"value\":\"x\"}]"),
                "filtering field title invalid");
        assertRefused(get(ACCOUNT + "/ads", "filtering", "[{\"field\":\"name\",\"operator\":\"LIKE\",\"value\":\"x\"}]"),
                "filtering operator LIKE invalid");
        assertRefused(get(ACCOUNT + "/ads", "filtering", "[{\"field\":\"id\",\"operator\":\"IN\",\"value\":\"1\"}]"),
                "value does not fit IN");
        assertRefused(get(ACCOUNT + "/campaigns", "fields", "id,adset_id"), "field adset_id unknown on Campaign");
        assertRefused(get(ACCOUNT + "/ads", "limit", "0"), "limit out of range");
        assertRefused(get(ACCOUNT + "/ads", "after", "bogus"), "after cursor invalid");
    }

    @Test
    void failNextCreateFailsOneCreateTransientlyPermanentlyOrAfterCreating() {
        String campaignId = campaign("C");
        meta.failNextCreate("[k:t]", 1, CreateFailure.TRANSIENT)
                .failNextCreate("[k:p]", 1, CreateFailure.INVALID_PARAMETER)
                .failNextCreate(1, c -> c.kind().equals("adset") && c.nameContains("[k:l]"),
                        CreateFailure.TRANSIENT_AFTER_CREATING);

        HttpResponse<String> transientFailure = post(ACCOUNT + "/adsets", adsetForm("S [k:t]", campaignId));
        HttpResponse<String> retried = post(ACCOUNT + "/adsets", adsetForm("S [k:t]", campaignId));
        HttpResponse<String> permanent = post(ACCOUNT + "/adsets", adsetForm("S [k:p]", campaignId));
        HttpResponse<String> lost = post(ACCOUNT + "/adsets", adsetForm("S [k:l]", campaignId));
        JsonNode found = json(get(ACCOUNT + "/adsets", "fields", "id,name", "filtering",
                "[{\"field\":\"name\",\"operator\":\"EQUAL\",\"value\":\"S [k:l]\"}]"));

        assertThat(transientFailure.statusCode()).isEqualTo(500);
        assertThat(code(transientFailure)).isEqualTo(2);
        assertThat(json(transientFailure).at("/error/is_transient").asBoolean()).isTrue();
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(permanent.statusCode()).isEqualTo(400);
        assertThat(code(permanent)).isEqualTo(100);
        assertThat(json(permanent).at("/error/is_transient").asBoolean()).isFalse();
        assertThat(lost.statusCode()).isEqualTo(500);
        assertThat(found.get("data")).hasSize(1); // created although the answer said otherwise
        assertThat(meta.adSets(ACCOUNT)).extracting(AdObject::name).containsExactly("S [k:t]", "S [k:l]");
    }

    /** The form with one field replaced, added, or (value null) removed; extra pairs are appended. */
    static String[] with(String[] form, String name, String value, String... more) {
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (int i = 0; i + 1 < form.length; i += 2) {
            if (form[i].equals(name)) {
                replaced = true;
                if (value != null) {
                    out.add(name);
                    out.add(value);
                }
            } else {
                out.add(form[i]);
                out.add(form[i + 1]);
            }
        }
        if (!replaced && value != null) {
            out.add(name);
            out.add(value);
        }
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }
}
