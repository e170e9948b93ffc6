package io.adplatform.dplink.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's scenarios one by one (seed 004: wait queue not full, full, old link at cap, drain, exhausted). */
class SwapPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final PoolSettings SETTINGS = new PoolSettings(500, 3, 0);

    private final List<PoolLink> links = new ArrayList<>();
    private final Map<Long, Long> counts = new HashMap<>();

    private void link(long id, LinkState state, long count, int waitedSeconds) {
        links.add(new PoolLink(id, "app://l/" + id, 5000, state, id, T0.minusSeconds(waitedSeconds),
                state == LinkState.WAITING ? count : null, 0));
        counts.put(id, count);
    }

    @Test
    void queueNotFullTakesTheNextNotStartedLinkAndParksTheOldOne() {
        link(1, LinkState.SERVING, 500, 0);
        link(2, LinkState.NOT_STARTED, 0, 0);
        link(3, LinkState.NOT_STARTED, 0, 0);
        link(4, LinkState.WAITING, 1000, 60);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.kind()).isEqualTo(SwapPlan.Kind.SWAP);
        assertThat(plan.newLinkId()).isEqualTo(2L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.WAITING);
    }

    @Test
    void queueFullTakesTheLongestWaitingLinkAndReturnsTheOldOne() {
        link(1, LinkState.SERVING, 1000, 0);
        link(2, LinkState.NOT_STARTED, 0, 0);
        link(3, LinkState.WAITING, 500, 30);
        link(4, LinkState.WAITING, 500, 90);
        link(5, LinkState.WAITING, 500, 60);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.newLinkId()).as("longest wait").isEqualTo(4L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.WAITING);
    }

    @Test
    void oldLinkAtItsCapIsDone() {
        link(1, LinkState.SERVING, 5000, 0);
        link(2, LinkState.NOT_STARTED, 0, 0);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.newLinkId()).isEqualTo(2L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.DONE);
    }

    @Test
    void notStartedEmptyDrainsTheWaitQueueLongestWaitFirst() {
        link(1, LinkState.SERVING, 4000, 0);
        link(2, LinkState.WAITING, 4500, 10);
        link(3, LinkState.WAITING, 4500, 20);
        link(4, LinkState.DONE, 5000, 100);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.newLinkId()).isEqualTo(3L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.WAITING);
    }

    @Test
    void waitingLinksThatReachedTheirCapLateAreRetiredAndSkipped() {
        link(1, LinkState.SERVING, 2000, 0);
        link(2, LinkState.WAITING, 5003, 90);
        link(3, LinkState.WAITING, 4000, 30);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.retired()).containsExactly(2L);
        assertThat(plan.newLinkId()).isEqualTo(3L);
    }

    @Test
    void lastUsableLinkServesAnotherRound() {
        link(1, LinkState.SERVING, 3000, 0);
        link(2, LinkState.DONE, 5000, 100);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.kind()).isEqualTo(SwapPlan.Kind.RENEW);
        assertThat(plan.newLinkId()).isEqualTo(1L);
        assertThat(plan.callsDsp()).isFalse();
    }

    @Test
    void allExhaustedPausesTheAd() {
        link(1, LinkState.SERVING, 5000, 0);
        link(2, LinkState.DONE, 5000, 100);
        link(3, LinkState.WAITING, 5001, 50);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.kind()).isEqualTo(SwapPlan.Kind.EXHAUSTED);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.DONE);
        assertThat(plan.retired()).containsExactly(3L);
        assertThat(plan.callsDsp()).isTrue();
    }

    @Test
    void theReserveRetiresALinkJustBelowItsCap() {
        link(1, LinkState.SERVING, 4850, 0);
        link(2, LinkState.NOT_STARTED, 0, 0);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, new PoolSettings(500, 3, 200), 0, T0);

        assertThat(plan.oldLinkNext()).as("4850 >= 5000 - 200").isEqualTo(LinkState.DONE);
        assertThat(plan.reserve()).isEqualTo(200);
    }

    @Test
    void theLearntReserveFollowsTheLateClicksOfWaitingLinks() {
        link(1, LinkState.SERVING, 1000, 0);
        links.add(new PoolLink(2, "app://l/2", 5000, LinkState.WAITING, 2, T0, 1000L, 1));
        counts.put(2L, 1180L); // 180 clicks reported after it stopped serving
        link(3, LinkState.NOT_STARTED, 0, 0);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, new PoolSettings(500, 3, null, 1.0), 100, T0);

        assertThat(plan.reserve()).isEqualTo(180);
        assertThat(SwapPlanner.replace(links, 1, false, counts, new PoolSettings(500, 3, null, 1.25), 100, T0).reserve())
                .as("with the margin").isEqualTo(225);
        assertThat(SwapPlanner.replace(links, 1, false, Map.of(1L, 1000L, 2L, 1000L, 3L, 0L), new PoolSettings(500, 3, null), 180, T0)
                .reserve()).as("forgets 1 % per step").isEqualTo(179);
    }

    @Test
    void recentlyDoneLinksTeachTheReserveTheLongTail() {
        link(1, LinkState.SERVING, 1000, 0);
        links.add(new PoolLink(2, "app://l/2", 5000, LinkState.DONE, 2, T0.minusSeconds(300), 4700L, 9));
        counts.put(2L, 5050L); // 350 reports after its final swap-out, some of them minutes late
        links.add(new PoolLink(3, "app://l/3", 5000, LinkState.DONE, 3, T0.minusSeconds(3600), 4000L, 9));
        counts.put(3L, 5000L); // done an hour ago: too old to say anything about reports in flight now
        link(4, LinkState.NOT_STARTED, 0, 0);

        assertThat(SwapPlanner.replace(links, 1, false, counts, new PoolSettings(500, 3, null, 1.0), 0, T0).reserve())
                .isEqualTo(350);
    }

    @Test
    void aRoundEndedByTheCapIsTheLinksLastEvenIfTheReserveShrankMeanwhile() {
        link(1, LinkState.SERVING, 4800, 0);
        link(2, LinkState.NOT_STARTED, 0, 0);

        SwapPlan plan = SwapPlanner.replace(links, 1, true, counts, new PoolSettings(500, 3, 100), 0, T0);

        assertThat(plan.oldLinkNext()).as("4800 < 5000 - 100, but the cap ended the round").isEqualTo(LinkState.DONE);
        links.clear();
        link(1, LinkState.SERVING, 4800, 0);
        assertThat(SwapPlanner.replace(links, 1, true, counts, new PoolSettings(500, 3, 100), 0, T0).kind())
                .as("no renewal at the cap").isEqualTo(SwapPlan.Kind.EXHAUSTED);
    }

    @Test
    void startPicksTheFirstUploadedLinkThenKeepsAUsableServingOne() {
        link(7, LinkState.NOT_STARTED, 0, 0);
        link(5, LinkState.NOT_STARTED, 0, 0);

        assertThat(SwapPlanner.start(links, null, counts, SETTINGS, 0, T0).newLinkId()).isEqualTo(5L);

        links.clear();
        link(5, LinkState.SERVING, 100, 0);
        link(7, LinkState.NOT_STARTED, 0, 0);
        SwapPlan resume = SwapPlanner.start(links, 5L, counts, SETTINGS, 0, T0);
        assertThat(resume.newLinkId()).isEqualTo(5L);
        assertThat(resume.oldLinkId()).isNull();
    }

    @Test
    void limitsEndARoundAtWentLivePlusRoundSizeOrTheCap() {
        assertThat(Limits.trigger(1499, 1000, 500, 5000, 0)).isNull();
        assertThat(Limits.trigger(1500, 1000, 500, 5000, 0)).isEqualTo(Limits.Trigger.ROUND_END);
        assertThat(Limits.trigger(4800, 4700, 500, 5000, 200)).isEqualTo(Limits.Trigger.CAP);
        assertThat(Limits.roundEnd(4700, 500, 5000, 200)).isEqualTo(4800);
        assertThat(Limits.effectiveCap(100, 90)).as("never below half the cap").isEqualTo(50);
    }

    @Test
    void aRetiredServingLinkIsReplacedAndGoesToRetiredNeverBackToTheQueue() {
        link(1, LinkState.RETIRED, 100, 0);
        link(2, LinkState.WAITING, 500, 60);
        link(3, LinkState.RETIRED, 0, 0);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.kind()).isEqualTo(SwapPlan.Kind.SWAP);
        assertThat(plan.newLinkId()).as("the retired not-started link is skipped").isEqualTo(2L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.RETIRED);
        assertThat(plan.retired()).as("retired links are not 'at cap'").isEmpty();
    }

    @Test
    void aRetiredServingLinkIsNeverRenewedTheAdIsExhaustedInstead() {
        link(1, LinkState.RETIRED, 100, 0);
        link(2, LinkState.DONE, 5000, 60);

        SwapPlan plan = SwapPlanner.replace(links, 1, false, counts, SETTINGS, 0, T0);

        assertThat(plan.kind()).isEqualTo(SwapPlan.Kind.EXHAUSTED);
        assertThat(plan.oldLinkId()).isEqualTo(1L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.RETIRED);
    }

    @Test
    void resumingDoesNotBringARetiredLinkBack() {
        link(1, LinkState.RETIRED, 100, 0);
        link(2, LinkState.NOT_STARTED, 0, 0);

        SwapPlan plan = SwapPlanner.start(links, 1L, counts, SETTINGS, 0, T0);

        assertThat(plan.kind()).isEqualTo(SwapPlan.Kind.SWAP);
        assertThat(plan.newLinkId()).isEqualTo(2L);
        assertThat(plan.oldLinkNext()).isEqualTo(LinkState.RETIRED);

        links.remove(1);
        assertThat(SwapPlanner.start(links, 1L, counts, SETTINGS, 0, T0).kind()).isEqualTo(SwapPlan.Kind.EXHAUSTED);
    }
}
