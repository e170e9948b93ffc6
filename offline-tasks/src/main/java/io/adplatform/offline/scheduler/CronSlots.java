package io.adplatform.offline.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * A job's cron timetable in UTC, read against the last slot that was run. A run is due when a slot after the last one
 * has come; when several have come (every instance was down), only the latest is run — once, not once per missed slot.
 * Pure computation over Spring's {@link CronExpression}; the caller passes "now".
 */
public final class CronSlots {

    /** The cron text that means "only when triggered". */
    public static final String NEVER = "-";

    private final String text;
    private final CronExpression cron;

    private CronSlots(String text, CronExpression cron) {
        this.text = text;
        this.cron = cron;
    }

    /** Parses a 6-field Spring cron expression (seconds first) or {@code "-"}; throws IllegalArgumentException if bad. */
    public static CronSlots parse(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("cron is empty (use \"-\" for a job that only runs when triggered)");
        }
        String text = cron.strip();
        return new CronSlots(text, NEVER.equals(text) ? null : CronExpression.parse(text));
    }

    public String text() {
        return text;
    }

    public boolean never() {
        return cron == null;
    }

    /** The first slot strictly after {@code after}; empty for a job that never runs on its own. */
    public Optional<Instant> next(Instant after) {
        if (cron == null) {
            return Optional.empty();
        }
        ZonedDateTime next = cron.next(after.atZone(ZoneOffset.UTC));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }

    /**
     * The slot to run now: the latest slot at or before {@code now} that is after {@code lastSlot}; empty if none has
     * come yet. A job never seen before ({@code lastSlot} null) has nothing due: its first slot is the next one.
     */
    public Optional<Instant> due(Instant lastSlot, Instant now) {
        if (cron == null || lastSlot == null) {
            return Optional.empty();
        }
        Optional<Instant> first = next(lastSlot);
        if (first.isEmpty() || first.get().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(latestAtOrBefore(now).filter(s -> s.isAfter(first.get())).orElse(first.get()));
    }

    /** When the job runs on its own next: now if a slot is due, else its next slot; empty for never. */
    public Optional<Instant> nextRun(Instant lastSlot, Instant now) {
        if (cron == null) {
            return Optional.empty();
        }
        if (due(lastSlot, now).isPresent()) {
            return Optional.of(now);
        }
        return next(lastSlot == null || lastSlot.isBefore(now) ? now : lastSlot);
    }

    /**
     * The latest slot at or before {@code now}, found by looking back a doubling distance (so a year-long outage of a
     * per-second job costs a few dozen evaluations, not millions) and then walking forward.
     */
    private Optional<Instant> latestAtOrBefore(Instant now) {
        Duration back = Duration.ofSeconds(1);
        Instant found = null;
        for (int i = 0; i < 40 && found == null; i++, back = back.multipliedBy(2)) {
            Optional<Instant> s = next(now.minus(back));
            if (s.isPresent() && !s.get().isAfter(now)) {
                found = s.get();
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        for (Optional<Instant> n = next(found); n.isPresent() && !n.get().isAfter(now); n = next(found)) {
            found = n.get();
        }
        return Optional.of(found);
    }
}
