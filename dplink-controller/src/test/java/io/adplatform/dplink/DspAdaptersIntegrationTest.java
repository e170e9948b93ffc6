package io.adplatform.dplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.dplink.support.Api;
import io.adplatform.dplink.support.IntegrationTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Meta (new creative, re-point the ad) and the generic HTTP adapter against their fakes, and a DSP that keeps failing:
 * the task parks visibly, other ads go on swapping, and the parked task completes once the DSP is back.
 */
class DspAdaptersIntegrationTest extends IntegrationTestBase {

    @Test
    void metaSwapsByANewCreativeAndRepointingTheAd() {
        String ad = newAdId();
        FAKES.metaMarketing().createAd(META_ACCOUNT, "m-" + ad, "page1", "myapp://initial");
        Api.Answer a = api.put("/ads/" + ad, """
                {"dsp":"META","accountId":"%s","dspAdId":"m-%s","pageId":"page1",
                 "landingUrl":"https://play.google.com/store/apps/details?id=com.example","defaultCap":100,
                 "roundSize":10,"waitCapacity":2,"lateReserve":0}""".formatted(META_ACCOUNT, ad));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        List<Long> ids = upload(ad, 2);
        long createdBefore = FAKES.metaMarketing().creativesCreatedCount();

        JsonNode s = resume(ad);
        assertThat(FAKES.metaMarketing().currentAppLink("m-" + ad)).isEqualTo(urlOf(s, ids.get(0)));
        assertThat(FAKES.metaMarketing().status("m-" + ad)).isEqualTo("ACTIVE");

        long g = generation(ad);
        clicks(ad, ids.get(0), 10);
        s = awaitGeneration(ad, g + 1);
        assertThat(FAKES.metaMarketing().currentAppLink("m-" + ad)).isEqualTo(urlOf(s, ids.get(1)));
        assertThat(FAKES.metaMarketing().creativesCreatedCount() - createdBefore).isEqualTo(2);
        assertThat(FAKES.metaMarketing().repointHistory("m-" + ad)).hasSize(2);
        assertThat(api.get("/ads/" + ad + "/swaps").json().path("swaps").get(0).path("dspRef").asString())
                .startsWith("meta:creative:");
    }

    @Test
    void theGenericAdapterPutsTheDeepLinkAndTheStatus() {
        String ad = newAdId();
        FAKES.genericDsp().createAd(GENERIC_ACCOUNT, "g-" + ad, "myapp://initial");
        assertThat(api.put("/ads/" + ad, """
                {"dsp":"GENERIC","accountId":"%s","dspAdId":"g-%s","defaultCap":30,"roundSize":10,"waitCapacity":1,
                 "lateReserve":0}""".formatted(GENERIC_ACCOUNT, ad)).status()).isEqualTo(201);
        List<Long> ids = upload(ad, 1);

        JsonNode s = resume(ad);
        assertThat(FAKES.genericDsp().currentDeeplink("g-" + ad)).isEqualTo(urlOf(s, ids.get(0)));

        // one link only: its rounds renew without a DSP call, and at its cap the ad is paused
        long g = generation(ad);
        clicks(ad, ids.get(0), 10);
        s = awaitGeneration(ad, g + 1);
        assertThat(s.path("serving").path("wentLiveCount").asLong()).isEqualTo(10);
        clicks(ad, ids.get(0), 20);
        await().atMost(Duration.ofSeconds(20)).until(() -> "EXHAUSTED".equals(state(ad).path("status").asString()));
        assertThat(FAKES.genericDsp().status("g-" + ad)).isEqualTo("PAUSED");
        assertThat(FAKES.genericDsp().deeplinkHistory("g-" + ad)).hasSize(1);
    }

    @Test
    void aTaskTheDspKeepsRefusingParksWithoutBlockingOtherAdsAndCompletesLater() {
        String stuck = newAdId();
        String other = newAdId();
        List<Long> stuckLinks = tiktokAd(stuck, 1000, 10, 5, 2);
        List<Long> otherLinks = tiktokAd(other, 1000, 10, 5, 2);
        resume(stuck);
        resume(other);

        // the DSP refuses every update of the stuck ad for a while
        FAKES.tiktokMarketing().failNext(1000, 500,
                r -> new String(r.body()).contains("tt-" + stuck));
        long g = generation(stuck);
        clicks(stuck, stuckLinks.get(0), 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/parked").json().valueStream()
                .anyMatch(p -> p.path("adId").asString().equals(stuck)));
        JsonNode s = state(stuck);
        assertThat(s.path("alert").asString()).contains("parked");
        assertThat(s.path("generation").asLong()).isEqualTo(g);

        // the other ad is not held up
        long og = generation(other);
        clicks(other, otherLinks.get(0), 10);
        awaitGeneration(other, og + 1);

        // the DSP is back: the parked task completes on its own
        FAKES.tiktokMarketing().clearScript();
        JsonNode done = awaitGeneration(stuck, g + 1);
        assertThat(done.path("serving").path("linkId").asLong()).isEqualTo(stuckLinks.get(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/parked").json().valueStream()
                .noneMatch(p -> p.path("adId").asString().equals(stuck)));
        assertThat(state(stuck).path("alert").isMissingNode() || state(stuck).path("alert").isNull()).isTrue();
    }
}
