package io.adplatform.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.adplatform.common.dsp.CampaignConfig.Pacing;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacingControllerTest {

    private static final Instant DAY = Instant.parse("2025-03-03T00:00:00Z");
    private static final PacingController.Settings SETTINGS =
            new PacingController.Settings(Duration.ofSeconds(60), 0.001, 0.1, 0.5, ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(DAY);
    private final PacingController pacing =
            new PacingController(clock, SETTINGS, PacingController.TrafficProfile.uniform());

    @Test
    void raisesTheRateUnderTargetLowersItOverTargetAndFasterWhenFarOff() {
        assertThat(pacing.update(0.5, 0, 100)).isCloseTo(0.75, within(1e-12));           // nothing spent: × 1.5
        assertThat(pacing.update(0.5, 90, 100)).isCloseTo(0.5 * 1.05, within(1e-12));     // 10 % under: × 1.05
        assertThat(pacing.update(0.5, 110, 100)).isCloseTo(0.5 / 1.05, within(1e-12));    // 10 % over: ÷ 1.05
        assertThat(pacing.update(0.5, 500, 100)).isCloseTo(0.5 / 1.5, within(1e-12));     // far over: ÷ 1.5 at most
        assertThat(pacing.update(0.9, 0, 100)).isCloseTo(1.0, within(1e-12));             // never above 1
        assertThat(pacing.update(0.0011, 500, 100)).isCloseTo(0.001, within(1e-12));      // never under p-min
        assertThat(pacing.update(0.5, 0, 0)).isCloseTo(0.5, within(1e-12));               // nothing to spend, nothing spent
    }

    @Test
    void fastAndUnknownCampaignsAlwaysBid() {
        pacing.track("fast", Pacing.FAST);
        pacing.tick(Map.of("fast", new PacingController.Observation(1_000, 5_000)));
        assertThat(pacing.rate("fast")).isCloseTo(1.0, within(1e-12));
        assertThat(pacing.rate("unknown")).isCloseTo(1.0, within(1e-12));
    }

    /** At noon with half the budget left, the target is the remaining half over the remaining 720 slots. */
    @Test
    void theTargetIsTheRemainingBudgetOverTheRemainingSlots() {
        clock.set(DAY.plus(Duration.ofHours(12)));
        pacing.track("c", Pacing.SMOOTH);
        pacing.tick(Map.of("c", new PacingController.Observation(1_440_000, 720_000))); // target 1,000 per slot
        assertThat(pacing.rate("c")).isCloseTo(0.1, within(1e-12));

        clock.advance(Duration.ofSeconds(60));
        pacing.tick(Map.of("c", new PacingController.Observation(1_440_000, 721_000))); // on target
        assertThat(pacing.rate("c")).isCloseTo(0.1, within(1e-12));

        clock.advance(Duration.ofSeconds(30));
        pacing.tick(Map.of("c", new PacingController.Observation(1_440_000, 731_000))); // same slot: no change yet
        assertThat(pacing.rate("c")).isCloseTo(0.1, within(1e-12));

        clock.advance(Duration.ofSeconds(30));
        pacing.tick(Map.of("c", new PacingController.Observation(1_440_000, 731_000))); // 10× the target
        assertThat(pacing.rate("c")).isCloseTo(0.1 / 1.5, within(1e-12));

        clock.advance(Duration.ofSeconds(60));
        pacing.tick(Map.of("c", new PacingController.Observation(1_440_000, 731_000))); // nothing
        assertThat(pacing.rate("c")).isCloseTo(0.1, within(1e-12));

        pacing.retain(Set.of());
        assertThat(pacing.rate("c")).isCloseTo(1.0, within(1e-12));
    }

    /**
     * A day of 1,440 one-minute slots: 60 requests a minute at night, 210 by day, 630 in the peak hour (19:00), each
     * bid costing 2,000 micros when won (25 % of bids), through a ledger holding the whole daily budget of 45,000,000
     * — a third of what the day's traffic could spend. Spend is refreshed every 10 s, as the bidder would.
     */
    @Test
    void smoothSpendsTheDailyBudgetSpreadOverTheDay() {
        long budget = 45_000_000;
        long[] hourly = simulateDay(Pacing.SMOOTH, budget);
        long total = java.util.Arrays.stream(hourly).sum();
        long share = budget / 24;

        assertThat(total).as("spend of the day").isBetween((long) (0.95 * budget), (long) (1.01 * budget));
        for (int h = 0; h < 24; h++) {
            assertThat(hourly[h]).as("spend in hour %d", h).isLessThanOrEqualTo(2 * share);
            assertThat(hourly[h]).as("spend in hour %d", h).isGreaterThanOrEqualTo(share / 4);
        }
        assertThat(hourly[19]).as("the peak hour is throttled").isLessThan((long) (1.3 * share));
    }

    @Test
    void fastSpendsAsTrafficComesAndStopsAtTheBudget() {
        long budget = 45_000_000;
        long[] hourly = simulateDay(Pacing.FAST, budget);
        long total = java.util.Arrays.stream(hourly).sum();
        long share = budget / 24;

        assertThat(total).as("spend of the day").isBetween((long) (0.98 * budget), (long) (1.01 * budget));
        assertThat(hourly[8]).as("a morning hour spends all its traffic brings").isGreaterThan(5_500_000);
        for (int h = 12; h < 24; h++) {
            assertThat(hourly[h]).as("spend in hour %d, after the budget ran out", h).isZero();
        }
        assertThat(hourly[8]).isGreaterThan(2 * share);
    }

    private long[] simulateDay(Pacing mode, long budget) {
        BudgetLedger ledger = new BudgetLedger(clock, Duration.ofSeconds(60), 1.0, 50, id -> { });
        ledger.track("c", true, 0);
        pacing.track("c", mode);
        long leaseUntil = DAY.plus(Duration.ofDays(2)).toEpochMilli();
        ledger.refreshed("c", budget, 0, 0, false, leaseUntil);
        SplittableRandom random = new SplittableRandom(11);
        long cpm = 2_000_000;
        long cost = 2_000;
        long spend = 0;
        long wins = 0;
        long[] hourly = new long[24];
        for (int minute = 0; minute < 1440; minute++) {
            int hour = minute / 60;
            int perMinute = hour < 6 ? 60 : hour == 19 ? 630 : 210;
            for (int part = 0; part < 6; part++) { // six refreshes a minute
                Instant from = DAY.plus(Duration.ofSeconds(minute * 60L + part * 10L));
                int n = perMinute / 6;
                for (int i = 0; i < n; i++) {
                    clock.set(from.plusMillis(10_000L * i / n));
                    if (ledger.admit("c", cpm, random.nextDouble()) && random.nextDouble() < 0.25) {
                        spend += cost;
                        wins++;
                        hourly[hour] += cost;
                    }
                }
                clock.set(from.plusSeconds(10));
                ledger.refreshed("c", budget, spend, wins, spend >= budget, leaseUntil);
                pacing.tick(Map.of("c", new PacingController.Observation(budget, spend)));
                ledger.pacingRate("c", pacing.rate("c"));
            }
        }
        return hourly;
    }
}
