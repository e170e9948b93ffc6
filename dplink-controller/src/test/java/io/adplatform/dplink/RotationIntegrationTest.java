package io.adplatform.dplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.dplink.counting.ClickStore;
import io.adplatform.dplink.counting.ServingEntry;
import io.adplatform.dplink.counting.TriggerRaiser;
import io.adplatform.dplink.support.IntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004's scenarios end to end: click reports on {@code tracking-clicks} → counts in Redis → a replacement task →
 * the worker → the TikTok Marketing API (fake) → the pool in MariaDB. Cap 40, rounds of 20, a wait queue of 2, links
 * A, B, C; each step sends exactly a round's clicks to the serving link.
 */
class RotationIntegrationTest extends IntegrationTestBase {

    @Autowired
    MeterRegistry meters;
    @Autowired
    ClickStore clickStore;
    @Autowired
    TriggerRaiser triggers;

    @Test
    void walksEverySeedScenarioFromStartToExhaustion() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 40, 20, 2, 3);
        long a = ids.get(0), b = ids.get(1), c = ids.get(2);

        JsonNode s = resume(ad);
        assertThat(s.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(s.path("serving").path("linkId").asLong()).as("first uploaded goes live").isEqualTo(a);
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo(urlOf(s, a));
        assertThat(FAKES.tiktokMarketing().status("tt-" + ad)).isEqualTo("ENABLE");

        // queue not full (0 of 2): next not-started link B; A (20 of 40) waits
        s = round(ad, a, 20);
        assertServing(ad, s, b);
        assertThat(stateOf(s, a)).isEqualTo("WAITING");
        assertThat(s.path("swaps").asLong()).isEqualTo(2);

        // still not full (1 of 2): C from not started; B waits
        s = round(ad, b, 20);
        assertServing(ad, s, c);
        assertThat(s.path("waitQueue").valueStream().map(JsonNode::asLong).toList()).containsExactly(a, b);

        // queue full (2 of 2): the longest waiting, A; C goes back to the queue
        s = round(ad, c, 20);
        assertServing(ad, s, a);
        assertThat(s.path("waitQueue").valueStream().map(JsonNode::asLong).toList()).containsExactly(b, c);

        // A reaches its cap (40): A is done; queue full → B
        s = round(ad, a, 20);
        assertServing(ad, s, b);
        assertThat(stateOf(s, a)).isEqualTo("DONE");

        // B at cap → done; queue [C] not full and nothing left to start: drain → C
        s = round(ad, b, 20);
        assertServing(ad, s, c);
        assertThat(stateOf(s, b)).isEqualTo("DONE");
        assertThat(s.path("totals").path("notStarted").asInt()).isZero();

        // C at cap: nothing usable is left → the ad is paused at the DSP, the alert is raised
        s = round(ad, c, 20);
        assertThat(s.path("status").asString()).isEqualTo("EXHAUSTED");
        assertThat(s.path("alert").asString()).contains("no usable deep link");
        assertThat(stateOf(s, c)).isEqualTo("DONE");
        assertThat(FAKES.tiktokMarketing().status("tt-" + ad)).isEqualTo("DISABLE");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("dplink.ads.exhausted").gauge().value() >= 1);

        // the swap history tells who swapped what when, with the counts at swap time
        JsonNode swaps = api.get("/ads/" + ad + "/swaps").json().path("swaps");
        assertThat(swaps.size()).isEqualTo(7);
        JsonNode first = swaps.get(swaps.size() - 2);
        assertThat(first.path("kind").asString()).isEqualTo("SWAP");
        assertThat(first.path("reason").asString()).isEqualTo("ROUND_END");
        assertThat(first.path("oldLinkId").asLong()).isEqualTo(a);
        assertThat(first.path("oldLinkCount").asLong()).isEqualTo(20);
        assertThat(first.path("newLinkId").asLong()).isEqualTo(b);
        assertThat(first.path("actor").asString()).isNotBlank();
        assertThat(first.path("completedAt").isMissingNode()).isFalse();
        assertThat(swaps.get(0).path("kind").asString()).isEqualTo("EXHAUSTED");
        assertThat(swaps.get(0).path("reason").asString()).isEqualTo("CAP");

        // the DSP saw exactly one deep-link change per step: the start and five swaps
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).hasSize(6);
    }

    @Test
    void aRoundWhoseClicksWereCountedBeforeItsLinkWasIndexedStillEnds() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 40, 10, 2, 3);
        long a = ids.get(0);
        resume(ad);
        long g = generation(ad);
        ServingEntry serving = clickStore.serving(List.of(a)).get(a);
        assertThat(serving).isNotNull();

        // The window after a round's commit read the link's count and before the link is back in the serving index:
        // clicks counted then raise nothing, and none may follow. The worker checks the level once the entry is in.
        clickStore.removeServing(List.of(a));
        clicks(ad, a, 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> clickStore.count(a) >= serving.wentLiveCount() + 10);
        assertThat(generation(ad)).isEqualTo(g);
        clickStore.putServing(serving);
        triggers.raiseIfDue(serving);

        JsonNode s = awaitGeneration(ad, g + 1);
        assertThat(s.path("serving").path("linkId").asLong()).isNotEqualTo(a);
    }

    @Test
    void operatorPauseAndResumeGoThroughTheDsp() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 1000, 100, 5, 2);
        resume(ad);
        clicks(ad, ids.get(0), 30);

        long g = generation(ad);
        assertThat(api.post("/ads/" + ad + "/pause", null).status()).isEqualTo(202);
        JsonNode s = awaitGeneration(ad, g + 1);
        assertThat(s.path("status").asString()).isEqualTo("PAUSED");
        assertThat(FAKES.tiktokMarketing().status("tt-" + ad)).isEqualTo("DISABLE");

        // clicks while paused (late reports) still count, but raise no swap
        clicks(ad, ids.get(0), 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> links(ad).get(0).path("clicks").asLong() == 130);
        assertThat(generation(ad)).isEqualTo(g + 1);

        s = resume(ad);
        assertThat(s.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(FAKES.tiktokMarketing().status("tt-" + ad)).isEqualTo("ENABLE");
        assertThat(s.path("serving").path("linkId").asLong()).as("the paused link is still usable").isEqualTo(ids.get(0));
        assertThat(s.path("serving").path("wentLiveCount").asLong()).isEqualTo(130);
        assertThat(s.path("serving").path("roundEnd").asLong()).isEqualTo(230);
    }

    private JsonNode round(String ad, long link, int n) {
        long g = generation(ad);
        clicks(ad, link, n);
        return awaitGeneration(ad, g + 1);
    }

    private void assertServing(String ad, JsonNode s, long link) {
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(link);
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo(urlOf(s, link));
    }

    private List<JsonNode> links(String ad) {
        return state(ad).path("links").valueStream().toList();
    }
}
