package io.adplatform.dplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.counting.Click;
import io.adplatform.dplink.counting.ClickStore;
import io.adplatform.dplink.replacement.Outcome;
import io.adplatform.dplink.replacement.ReplacementService;
import io.adplatform.dplink.support.IntegrationTestBase;
import io.adplatform.dplink.task.ReplacementTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The same click twice, the same task delivered again and again, two workers racing on one task, a worker dying
 * between the DSP call and its commit: never two swaps for one round, never a link lost.
 */
class IdempotencyIntegrationTest extends IntegrationTestBase {

    @Autowired
    ReplacementService service;
    @Autowired
    AdRepository ads;
    @Autowired
    ClickStore store;

    @Test
    void aClickReportedTwiceCountsOnce() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 5000, 500, 20, 1);
        List<String> clickIds = List.of("dup-" + ad + "-1", "dup-" + ad + "-2", "dup-" + ad + "-3");
        clicksWithIds(ad, ids.get(0), clickIds);
        clicksWithIds(ad, ids.get(0), clickIds);
        clicks(ad, ids.get(0), 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> state(ad).path("totals").path("clicks").asLong() == 5);
        assertThat(state(ad).path("totals").path("clicks").asLong()).isEqualTo(5);
    }

    @Test
    void aBatchDeliveredAgainIsNotCountedAgain() {
        long link = 9_000_000_000L + System.nanoTime() % 1_000_000;
        List<Click> batch = List.of(new Click(10, link, "x:1"), new Click(11, link, "x:2"), new Click(12, link, "x:3"));
        store.count("exactly-once-" + link, 0, batch);
        ClickStore.Counted again = store.count("exactly-once-" + link, 0, batch);
        // a redelivery that overlaps: 12 was counted, 13 was not
        store.count("exactly-once-" + link, 0, List.of(new Click(12, link, "x:3"), new Click(13, link, "x:4")));

        assertThat(again.alreadyCounted()).isEqualTo(3);
        assertThat(store.count(link)).isEqualTo(4);
    }

    @Test
    void theSameTaskDeliveredFiveTimesSwapsOnce() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 5000, 100, 20, 3);
        resume(ad);
        long g = generation(ad);
        ReplacementTask task = new ReplacementTask(ReplacementTask.Kind.REPLACE, ad, g, "ROUND_END", ids.get(0), 100L,
                Instant.now());
        for (int i = 0; i < 5; i++) {
            task(task);
        }
        JsonNode s = awaitGeneration(ad, g + 1);
        // give the four duplicates time to be handled (they are stale now)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> generation(ad) == g + 1);

        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(ids.get(1));
        assertThat(FAKES.tiktokMarketing().deeplinkHistory("tt-" + ad)).hasSize(2); // start + one swap
        assertOneServingNoneLost(ad, 3);
    }

    @Test
    void twoWorkersRacingOnOneTaskSwapOnce() throws Exception {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 5000, 100, 20, 4);
        resume(ad);
        long g = generation(ad);
        ReplacementTask task = new ReplacementTask(ReplacementTask.Kind.REPLACE, ad, g, "ROUND_END", ids.get(0), 100L,
                Instant.now());
        FAKES.tiktokMarketing().latency(Duration.ofMillis(200)); // both are in the DSP call at once
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            outcomes.add(pool.submit((Callable<Outcome>) () -> {
                start.await();
                return service.handle(task);
            }));
        }
        List<Outcome> got = new ArrayList<>();
        for (Future<Outcome> f : outcomes) {
            got.add(f.get());
        }
        pool.shutdown();

        assertThat(got).containsOnlyOnce(Outcome.SWAPPED);
        assertThat(generation(ad)).isEqualTo(g + 1);
        assertThat(ads.swaps(ad, 10).stream().filter(s -> s.generation() == g).toList()).hasSize(1);
        assertThat(state(ad).path("serving").path("linkId").asLong()).isEqualTo(ids.get(1));
        assertOneServingNoneLost(ad, 4);
    }

    @Test
    void aWorkerDyingAfterTheDspCallLeavesADecisionTheNextOneCarriesOut() {
        String ad = newAdId();
        List<Long> ids = tiktokAd(ad, 5000, 100, 20, 3);
        resume(ad);
        long g = generation(ad);
        ReplacementTask task = new ReplacementTask(ReplacementTask.Kind.REPLACE, ad, g, "ROUND_END", ids.get(0), 100L,
                Instant.now());
        // The DSP takes the change but the answer never arrives (the worker "dies" with a transport error each time):
        // the step stays PENDING, the task is parked.
        FAKES.tiktokMarketing().failNextAfterAccepting(3, 503);
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).isEqualTo(urlOf(state(ad), ids.get(0)));
        try {
            service.handle(task);
        } catch (io.adplatform.dplink.dsp.DspException expected) {
            // what the listener parks
        }
        assertThat(ads.swap(ad, g)).get().extracting(s -> s.status()).isEqualTo("PENDING");
        assertThat(FAKES.tiktokMarketing().currentDeeplink("tt-" + ad)).as("the DSP did swap")
                .isEqualTo(urlOf(state(ad), ids.get(1)));
        // meanwhile more clicks arrive: a fresh decision would be made on other counts; the pending one must win
        clicks(ad, ids.get(0), 3);

        assertThat(service.handle(task)).isEqualTo(Outcome.SWAPPED);

        JsonNode s = state(ad);
        assertThat(s.path("generation").asLong()).isEqualTo(g + 1);
        assertThat(s.path("serving").path("linkId").asLong()).isEqualTo(ids.get(1));
        assertThat(stateOf(s, ids.get(0))).isEqualTo("WAITING");
        assertThat(ads.swap(ad, g)).get().extracting(r -> r.status()).isEqualTo("DONE");
        assertOneServingNoneLost(ad, 3);
    }

    private void assertOneServingNoneLost(String ad, int links) {
        JsonNode s = state(ad);
        List<String> states = s.path("links").valueStream().map(l -> l.path("state").asString()).toList();
        assertThat(states).hasSize(links);
        assertThat(states.stream().filter("SERVING"::equals)).hasSize(1);
        assertThat(s.path("totals").path("notStarted").asInt() + s.path("totals").path("waiting").asInt()
                + s.path("totals").path("done").asInt() + 1).isEqualTo(links);
    }
}
