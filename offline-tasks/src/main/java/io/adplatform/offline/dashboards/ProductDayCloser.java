package io.adplatform.offline.dashboards;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Closes past UTC days of the product dashboards into plain numbers (V4: {@code closed_product_days},
 * {@code closed_cohort_days}), from the V1 roll-ups' states, so the dashboards read states only for days not closed.
 * A day's rows are written first and the day is listed in {@code closed_days} last: a reader never takes a day as closed
 * before its numbers are all there. Closing a day again writes newer versions of the same keys (late data).
 */
class ProductDayCloser {

    /** One run's work: the days closed (first time), re-closed, and how long it took. */
    record Outcome(List<LocalDate> closed, List<LocalDate> reclosed, long millis) {
    }

    private static final String DIMENSIONS = "[('', ''), ('media_source', toString(media_source)), "
            + "('campaign', campaign), ('country', toString(country))]";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final ClickHouse clickHouse;
    private final Clock clock;
    private final int lateDays;
    private final int batchDays;
    private final int maxDaysPerRun;

    /**
     * @param lateDays      the last days before today closed again on every run, for events that arrive late
     * @param batchDays     days closed by one statement (bounds the memory of one INSERT ... SELECT)
     * @param maxDaysPerRun most days one run closes for the first time (a backfill goes on in the next runs)
     */
    ProductDayCloser(ClickHouse clickHouse, Clock clock, int lateDays, int batchDays, int maxDaysPerRun) {
        this.clickHouse = clickHouse;
        this.clock = clock;
        this.lateDays = lateDays;
        this.batchDays = batchDays;
        this.maxDaysPerRun = maxDaysPerRun;
    }

    /**
     * Closes every day before today (UTC) that has roll-up rows and is not closed yet (at most
     * {@code maxDaysPerRun}, oldest first), and closes again the last {@code lateDays} days, or the last
     * {@code recloseDays} when given.
     */
    Outcome closeDays(Integer recloseDays) {
        long t0 = System.nanoTime();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int late = recloseDays == null ? lateDays : recloseDays;
        LocalDate lateFrom = today.minusDays(late);
        TreeSet<LocalDate> closed = new TreeSet<>();
        for (JsonNode r : clickHouse.query("SELECT DISTINCT day FROM closed_days WHERE day < {today:Date}",
                Map.of("today", today.toString()))) {
            closed.add(LocalDate.parse(r.path("day").asString()));
        }
        List<LocalDate> first = new ArrayList<>();
        List<LocalDate> again = new ArrayList<>();
        for (JsonNode r : clickHouse.query(
                "SELECT DISTINCT day FROM daily_product_stats WHERE day < {today:Date} ORDER BY day",
                Map.of("today", today.toString()))) {
            LocalDate day = LocalDate.parse(r.path("day").asString());
            if (!closed.contains(day)) {
                if (first.size() < maxDaysPerRun) {
                    first.add(day);
                }
            } else if (!day.isBefore(lateFrom)) {
                again.add(day);
            }
        }
        TreeSet<LocalDate> todo = new TreeSet<>(first);
        todo.addAll(again);
        List<LocalDate> all = List.copyOf(todo);
        for (int i = 0; i < all.size(); i += batchDays) {
            close(all.subList(i, Math.min(all.size(), i + batchDays)));
        }
        return new Outcome(first, again, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Writes the days' numbers, then lists the days as closed. The days are ours (not a caller's): inlined. */
    void close(List<LocalDate> days) {
        if (days.isEmpty()) {
            return;
        }
        StringJoiner list = new StringJoiner(", ", "[", "]");
        days.forEach(d -> list.add("toDate('" + d + "')"));
        String at = "toDateTime64('" + MILLIS.format(Instant.now(clock)) + "', 3, 'UTC')";
        LocalDate min = days.get(0);
        LocalDate max = days.get(days.size() - 1);
        clickHouse.execute("""
                INSERT INTO closed_product_days (app_id, dim, value, day, new_devices, dau, payers, payers_state,
                                                 payments, revenue, closed_at)
                SELECT app_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, day, sum(new_devices),
                       uniqMerge(active_devices), uniqMerge(payers), uniqMergeState(payers), sum(payments),
                       mapFilter((c, v) -> v != 0, sumMap(map(currency, revenue))), %s
                FROM daily_product_stats
                ARRAY JOIN %s AS d
                WHERE day >= toDate('%s') AND day <= toDate('%s') AND day IN %s
                GROUP BY app_id, dim, value, day""".formatted(at, DIMENSIONS, min, max, list));
        // the cohort cells whose day of activity (install_day + days_since) is one of the days
        clickHouse.execute("""
                INSERT INTO closed_cohort_days (app_id, dim, value, day, install_day, days_since, active, revenue,
                                                closed_at)
                SELECT app_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, install_day + days_since AS day,
                       install_day, days_since,
                       uniqMerge(active_devices), mapFilter((c, v) -> v != 0, sumMap(map(currency, revenue))), %s
                FROM daily_cohort_stats
                ARRAY JOIN %s AS d
                WHERE install_day >= toDate('%s') - 7 AND install_day <= toDate('%s') AND days_since <= 7
                  AND install_day + days_since IN %s
                GROUP BY app_id, dim, value, install_day, days_since""".formatted(at, DIMENSIONS, min, max, list));
        StringJoiner rows = new StringJoiner(", ");
        days.forEach(d -> rows.add("(toDate('" + d + "'), " + at + ")"));
        clickHouse.execute("INSERT INTO closed_days (day, closed_at) VALUES " + rows);
    }
}
