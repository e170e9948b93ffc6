package io.adplatform.dplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.dplink.support.Api;
import io.adplatform.dplink.support.IntegrationTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input gets a 4xx problem naming the field, and changes nothing. */
class PoolApiTest extends IntegrationTestBase {

    @Test
    void createsUpdatesAndShowsAnAd() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 5000, 500, 20, 3);

        JsonNode s = state(ad);
        assertThat(s.path("status").asString()).isEqualTo("DRAFT");
        assertThat(s.path("settings").path("defaultCap").asInt()).isEqualTo(5000);
        assertThat(s.path("totals").path("notStarted").asInt()).isEqualTo(3);
        assertThat(ids).isSorted();

        Api.Answer update = api.put("/ads/" + ad, """
                {"dsp":"tiktok","accountId":"%s","dspAdId":"tt-%s","defaultCap":3000,"roundSize":250}"""
                .formatted(TIKTOK_ADVERTISER, ad));
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.json().path("settings").path("defaultCap").asInt()).isEqualTo(3000);
        assertThat(update.json().path("settings").path("reserveLearnt").asBoolean()).isTrue();

        assertThat(api.put("/ads/" + ad + "/links/" + ids.get(1) + "/cap", "{\"cap\":1200}").status()).isEqualTo(204);
        JsonNode link = state(ad).path("links").get(1);
        assertThat(link.path("cap").asInt()).isEqualTo(1200);
        assertThat(link.path("ownCap").asBoolean()).isTrue();
        assertThat(api.get("/ads").json().valueStream().map(n -> n.path("adId").asString())).contains(ad);
    }

    @Test
    void refusesBadAdSettingsNamingTheFields() {
        String ad = newAdId();
        Api.Answer a = api.put("/ads/" + ad, """
                {"dsp":"YAHOO","accountId":"","dspAdId":"x","defaultCap":-5,"roundSize":0,"waitCapacity":5000,
                 "allowedSchemes":["javascript"]}""");

        assertProblem(a, 400, "dsp", "accountId", "defaultCap", "roundSize", "waitCapacity", "allowedSchemes[0]");
        assertThat(api.get("/ads/" + ad).status()).as("nothing written").isEqualTo(404);

        assertProblem(api.put("/ads/" + ad, "{\"dsp\":\"META\",\"accountId\":\"1\",\"dspAdId\":\"2\"}"), 400,
                "pageId", "landingUrl");
        assertProblem(api.put("/ads/" + ad, "{\"defaultCap\":\"many\"}"), 400, "defaultCap");
        assertProblem(api.put("/ads/" + ad, "{not json"), 400);
        assertProblem(api.put("/ads/bad%20id", "{}"), 400, "adId");
    }

    @Test
    void refusesBadLinksAllOrNothing() {
        String ad = newAdId();
        tiktokAd(ad, 5000, 500, 20, 1);

        Api.Answer a = api.post("/ads/" + ad + "/links", """
                {"links":[{"url":"myapp://ok/1"},{"url":"javascript:alert(1)"},{"url":"not a url"},
                          {"url":"myapp://ok/1"},{"url":"myapp://ok/2","cap":-1}]}""");

        assertProblem(a, 400, "links[1].url", "links[2].url", "links[3].url", "links[4].cap");
        assertThat(state(ad).path("totals").path("links").asInt()).as("nothing added").isEqualTo(1);

        String existing = state(ad).path("links").get(0).path("url").asString();
        assertProblem(api.post("/ads/" + ad + "/links", "{\"links\":[{\"url\":\"" + existing + "\"}]}"), 400,
                "links[0].url");
        assertProblem(api.post("/ads/" + ad + "/links", "{\"links\":[]}"), 400, "links");
        assertProblem(api.post("/ads/" + ad + "/links", "{\"links\":[{\"url\":\"myapp://x\",\"cap\":\"big\"}]}"), 400,
                "links[0].cap");
    }

    @Test
    void unknownAdsAndLinksAre404AndNegativeCapsAre400() {
        assertProblem(api.get("/ads/nope-" + newAdId()), 404);
        assertProblem(api.post("/ads/nope-" + newAdId() + "/links", "{\"links\":[{\"url\":\"myapp://x\"}]}"), 404);
        assertProblem(api.post("/ads/nope-" + newAdId() + "/resume", null), 404);

        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 5000, 500, 20, 1);
        assertProblem(api.put("/ads/" + ad + "/links/" + ids.get(0) + "/cap", "{\"cap\":-3}"), 400, "cap");
        assertProblem(api.put("/ads/" + ad + "/links/999999999/cap", "{\"cap\":3}"), 404);
        assertThat(state(ad).path("links").get(0).path("ownCap").asBoolean()).isFalse();
    }

    @Test
    void resumeWithoutAUsableLinkIsAConflict() {
        String ad = newAdId();
        tiktokAd(ad, 5000, 500, 20, 0 + 1);
        String empty = newAdId();
        FAKES.tiktokMarketing().createAd(TIKTOK_ADVERTISER, "tt-" + empty, "app://initial");
        api.put("/ads/" + empty, "{\"dsp\":\"TIKTOK\",\"accountId\":\"%s\",\"dspAdId\":\"tt-%s\"}"
                .formatted(TIKTOK_ADVERTISER, empty));

        assertProblem(api.post("/ads/" + empty + "/resume", null), 409);
    }

    @Test
    void theApiNeedsTheServiceToken() {
        assertThat(api.unauthenticated("/ads").status()).isEqualTo(401);
    }

    private static void assertProblem(Api.Answer a, int status, String... fields) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        List<String> named = a.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(named).as(a.body()).containsExactlyInAnyOrder(fields);
    }
}
