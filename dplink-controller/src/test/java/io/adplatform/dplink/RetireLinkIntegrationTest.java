package io.adplatform.dplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.dplink.support.Api;
import io.adplatform.dplink.support.IntegrationTestBase;
import io.adplatform.fakes.DeeplinkChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An operator retires a link (wrong or expired deep link) through the API, against the real parts: the worker on
 * {@code dplink-replacements}, MariaDB, Redis counts and the TikTok Marketing API (fake). Cap 40, rounds of 20, a wait
 * queue of 2.
 */
class RetireLinkIntegrationTest extends IntegrationTestBase {

    @Test
    void retiringTheServingLinkSwapsTheAdAtTheDspExactlyOnce() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 40, 20, 2, 3);
        long a = ids.get(0), b = ids.get(1);
        JsonNode s = resume(ad);
        clicks(ad, a, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> clicksOf(state(ad), a) == 5);
        long g = generation(ad);

        Api.Answer first = api.post("/ads/" + ad + "/links/" + a + "/retire", null);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(absent(first.json().path("retiredAt"))).isFalse();
        // a second call while the swap is on its way records nothing new and swaps nothing more
        Api.Answer again = api.post("/ads/" + ad + "/links/" + a + "/retire", null);
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        s = awaitGeneration(ad, g + 1);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(b);
        assertThat(stateOf(s, a)).isEqualTo("RETIRED");
        assertThat(s.path("waitQueue").valueStream().map(JsonNode::asLong).toList()).doesNotContain(a);
        assertThat(s.path("totals").path("retired").asInt()).isEqualTo(1);
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo(urlOf(s, b));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad).size() == 2 && generation(ad) == g + 1);

        JsonNode step = api.get("/ads/" + ad + "/swaps").json().path("swaps").get(0);
        assertThat(step.path("kind").asString()).isEqualTo("SWAP");
        assertThat(step.path("reason").asString()).isEqualTo("OPERATOR");
        assertThat(step.path("oldLinkId").asLong()).isEqualTo(a);
        assertThat(step.path("oldLinkNext").asString()).isEqualTo("RETIRED");
        assertThat(step.path("oldLinkCount").asLong()).isEqualTo(5);
        assertThat(step.path("newLinkId").asLong()).isEqualTo(b);
        assertThat(step.path("status").asString()).isEqualTo("DONE");

        Api.Answer done = api.post("/ads/" + ad + "/links/" + a + "/retire", null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("state").asString()).isEqualTo("RETIRED");

        // the new round runs as any other: its end swaps to C, and A is never chosen again even with the queue draining
        long c = ids.get(2);
        s = round(ad, b, 20);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(c);
        s = round(ad, c, 20);
        assertThat(s.path("serving").path("linkId").asLong()).as("B from the queue, never A").isEqualTo(b);
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).extracting(DeeplinkChange::deeplink)
                .as("A went live once, at the start").filteredOn(urlOf(s, a)::equals).hasSize(1);
    }

    @Test
    void aQueuedOrUnusedLinkLeavesRotationWithoutTellingTheDsp() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 40, 20, 2, 3);
        long a = ids.get(0), b = ids.get(1), c = ids.get(2);
        resume(ad);
        JsonNode s = round(ad, a, 20);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(b);
        assertThat(stateOf(s, a)).isEqualTo("WAITING");
        int dspCalls = FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad).size();

        long g = generation(ad);
        assertThat(api.post("/ads/" + ad + "/links/" + a + "/retire", null).status()).isEqualTo(202);
        s = awaitGeneration(ad, g + 1);
        assertThat(stateOf(s, a)).isEqualTo("RETIRED");
        assertThat(s.path("waitQueue").isEmpty()).isTrue();
        assertThat(api.post("/ads/" + ad + "/links/" + c + "/retire", null).status()).isEqualTo(202);
        s = awaitGeneration(ad, g + 2);
        assertThat(stateOf(s, c)).isEqualTo("RETIRED");
        assertThat(s.path("serving").path("linkId").asLong()).as("B serves on").isEqualTo(b);
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).hasSize(dspCalls);

        JsonNode step = api.get("/ads/" + ad + "/swaps").json().path("swaps").get(0);
        assertThat(step.path("kind").asString()).isEqualTo("RETIRE");
        assertThat(step.path("reason").asString()).isEqualTo("OPERATOR");
        assertThat(step.path("oldLinkId").asLong()).isEqualTo(c);
        assertThat(step.path("oldLinkNext").asString()).isEqualTo("RETIRED");
        assertThat(absent(step.path("dspRef"))).as("the DSP was not called").isTrue();

        // The retirements moved the generation on: B's round still ends (its counters follow the new generation).
        // With A and C out, nothing else is usable: B serves another round (renew) instead of A coming back.
        s = round(ad, b, 20);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(b);
        assertThat(api.get("/ads/" + ad + "/swaps").json().path("swaps").get(0).path("kind").asString())
                .isEqualTo("RENEW");
        s = round(ad, b, 20);
        assertThat(s.path("status").asString()).isEqualTo("EXHAUSTED");
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).hasSize(dspCalls);
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo(urlOf(s, b));
    }

    @Test
    void retiringTheLastUsableLinkPausesTheAdAndReportsThePoolExhausted() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 40, 20, 2, 1);
        long a = ids.get(0);
        resume(ad);
        assertThat(FAKES.tiktokMarketing().status("tt-" + ad)).isEqualTo("ENABLE");
        long g = generation(ad);

        assertThat(api.post("/ads/" + ad + "/links/" + a + "/retire", null).status()).isEqualTo(202);

        JsonNode s = awaitGeneration(ad, g + 1);
        assertThat(s.path("status").asString()).isEqualTo("EXHAUSTED");
        assertThat(s.path("alert").asString()).contains("no usable deep link");
        assertThat(stateOf(s, a)).isEqualTo("RETIRED");
        assertThat(FAKES.tiktokMarketing().status("tt-" + ad)).isEqualTo("DISABLE");
        JsonNode step = api.get("/ads/" + ad + "/swaps").json().path("swaps").get(0);
        assertThat(step.path("kind").asString()).isEqualTo("EXHAUSTED");
        assertThat(step.path("oldLinkNext").asString()).isEqualTo("RETIRED");
        assertThat(api.post("/ads/" + ad + "/resume", null).status()).as("nothing usable to resume with").isEqualTo(409);
    }

    @Test
    void thePausedAdsServingLinkRetiredResumesWithAnother() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 40, 20, 2, 2);
        long a = ids.get(0), b = ids.get(1);
        resume(ad);
        long g = generation(ad);
        assertThat(api.post("/ads/" + ad + "/pause", null).status()).isEqualTo(202);
        awaitGeneration(ad, g + 1);

        assertThat(api.post("/ads/" + ad + "/links/" + a + "/retire", null).status()).isEqualTo(202);
        JsonNode s = awaitGeneration(ad, g + 2);
        assertThat(stateOf(s, a)).isEqualTo("RETIRED");
        assertThat(s.path("status").asString()).isEqualTo("PAUSED");

        s = resume(ad);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(b);
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo(urlOf(s, b));
    }

    @Test
    void unknownLinksAndLinksOfAnotherAdAre404() {
        String ad = newAdId();
        String other = newAdId();
        List<Long> mine = tiktokAd(ad, 40, 20, 2, 1);
        List<Long> theirs = tiktokAd(other, 40, 20, 2, 1);

        assertProblem(api.post("/ads/" + ad + "/links/999999999/retire", null), 404);
        assertProblem(api.post("/ads/" + ad + "/links/" + theirs.get(0) + "/retire", null), 404);
        assertProblem(api.post("/ads/nope-" + newAdId() + "/links/" + mine.get(0) + "/retire", null), 404);
        assertThat(stateOf(state(other), theirs.get(0))).isEqualTo("NOT_STARTED");
        assertThat(absent(state(other).path("links").get(0).path("retiredAt"))).isTrue();
        assertThat(generation(other)).isZero();
    }

    private JsonNode round(String ad, long link, int n) {
        long g = generation(ad);
        clicks(ad, link, n);
        return awaitGeneration(ad, g + 1);
    }

    private static long clicksOf(JsonNode state, long linkId) {
        for (JsonNode l : state.path("links")) {
            if (l.path("linkId").asLong() == linkId) {
                return l.path("clicks").asLong();
            }
        }
        throw new AssertionError("no link " + linkId);
    }

    private static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    private static void assertProblem(Api.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }
}
