package io.adplatform.offline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronSlotsTest {

    static final Instant NOW = Instant.parse("2026-03-10T10:07:30Z");
    static final CronSlots EVERY_15_MIN = CronSlots.parse("0 */15 * * * *");

    @Test
    void nothingIsDueBeforeTheNextSlot() {
        Instant last = Instant.parse("2026-03-10T10:00:00Z");

        assertThat(EVERY_15_MIN.due(last, NOW)).isEmpty();
        assertThat(EVERY_15_MIN.nextRun(last, NOW)).contains(Instant.parse("2026-03-10T10:15:00Z"));
    }

    @Test
    void theSlotIsDueFromItsInstantOn() {
        Instant last = Instant.parse("2026-03-10T10:00:00Z");
        Instant slot = Instant.parse("2026-03-10T10:15:00Z");

        assertThat(EVERY_15_MIN.due(last, slot.minusMillis(1))).isEmpty();
        assertThat(EVERY_15_MIN.due(last, slot)).contains(slot);
        assertThat(EVERY_15_MIN.due(last, slot.plusSeconds(40))).contains(slot);
        assertThat(EVERY_15_MIN.nextRun(last, slot.plusSeconds(40))).contains(slot.plusSeconds(40));
    }

    @Test
    void slotsMissedWhileDownCollapseIntoTheLatestOne() {
        Instant last = Instant.parse("2026-03-07T23:45:00Z"); // down for two and a half days

        assertThat(EVERY_15_MIN.due(last, NOW)).contains(Instant.parse("2026-03-10T10:00:00Z"));
        // once that slot is run, nothing more is due until the next one
        assertThat(EVERY_15_MIN.due(Instant.parse("2026-03-10T10:00:00Z"), NOW)).isEmpty();
    }

    @Test
    void aPerSecondJobDownForAYearIsStillOneRunFoundQuickly() {
        CronSlots everySecond = CronSlots.parse("* * * * * *");

        assertThat(everySecond.due(NOW.minusSeconds(366L * 24 * 3600), NOW)).contains(NOW);
        assertThat(everySecond.due(NOW, NOW)).isEmpty();
    }

    @Test
    void aDailyJobMissedForDaysRunsItsLatestSlot() {
        CronSlots daily = CronSlots.parse("0 0 3 * * *");

        assertThat(daily.due(Instant.parse("2026-03-01T03:00:00Z"), NOW)).contains(Instant.parse("2026-03-10T03:00:00Z"));
        assertThat(daily.due(Instant.parse("2026-03-10T03:00:00Z"), NOW)).isEmpty();
        assertThat(daily.nextRun(Instant.parse("2026-03-10T03:00:00Z"), NOW)).contains(Instant.parse("2026-03-11T03:00:00Z"));
    }

    @Test
    void cronIsReadInUtc() {
        CronSlots at9 = CronSlots.parse("0 0 9 * * *");

        assertThat(at9.next(Instant.parse("2026-03-10T08:00:00Z"))).contains(Instant.parse("2026-03-10T09:00:00Z"));
    }

    @Test
    void aJobSeenForTheFirstTimeWaitsForItsFirstSlot() {
        assertThat(EVERY_15_MIN.due(null, NOW)).isEmpty();
        assertThat(EVERY_15_MIN.nextRun(null, NOW)).contains(Instant.parse("2026-03-10T10:15:00Z"));
    }

    @Test
    void aDashMeansOnlyWhenTriggered() {
        CronSlots never = CronSlots.parse("-");

        assertThat(never.never()).isTrue();
        assertThat(never.due(NOW.minusSeconds(86_400), NOW)).isEmpty();
        assertThat(never.nextRun(NOW.minusSeconds(86_400), NOW)).isEmpty();
    }

    @Test
    void badCronIsRefused() {
        assertThatThrownBy(() -> CronSlots.parse("every 5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSlots.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSlots.parse("0 */5 * * *")).as("5 fields").isInstanceOf(IllegalArgumentException.class);
    }
}
