package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.adplatform.offline.clickhouse.ClickHouseMigrations;
import io.adplatform.offline.clickhouse.ClickHouseProperties;
import io.adplatform.offline.dashboards.DashboardViews.ProductsDashboard;
import io.adplatform.offline.support.ClickHouseTestServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The close-product-days job against a real ClickHouse engine: /products answers exactly the same before and after
 * its days are closed (closed days read plain numbers, open days the states), and a late event on a closed day shows
 * once the day is closed again. Each test has a database of its own, loaded with DashboardsIntegrationTest's events.
 */
class ClosedProductDaysIntegrationTest {

    static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");
    static final LocalDate NOV_2 = LocalDate.parse("2026-11-02");
    static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");

    static ClickHouse loaded(Clock clock) {
        ClickHouse ch = new ClickHouse(new ClickHouseProperties(URI.create(ClickHouseTestServer.url()),
                ClickHouseTestServer.newDatabase(), null, null, null, null), JsonMapper.builder().build());
        new ClickHouseMigrations(ch, clock).migrate();
        DashboardsIntegrationTest.loadEvents(ch);
        return ch;
    }

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** How many of {@link #queries()} (the first ones) the closed numbers answer: none or one single-valued filter. */
    static final int SINGLE_FILTER = 9;

    /** Requests of every shape: closed numbers answer none or one single-valued filter, the states the others. */
    static List<DashboardQuery> queries() {
        return List.of(
                DashboardsIntegrationTest.query(List.of("appA", "appB")),
                DashboardsIntegrationTest.query(List.of("appA"), NOV_2, NOV_2, List.of(), List.of(), List.of()),
                DashboardsIntegrationTest.query(List.of("appA", "appB"), LocalDate.parse("2026-10-25"),
                        LocalDate.parse("2026-11-05"), List.of(), List.of(), List.of()),
                DashboardsIntegrationTest.query(List.of("appA", "appB"), NOV_1, NOV_10, List.of("meta"), List.of(),
                        List.of()),
                DashboardsIntegrationTest.query(List.of("appA"), NOV_1, NOV_10, List.of("organic"), List.of(),
                        List.of()),
                DashboardsIntegrationTest.query(List.of("appA", "appB"), NOV_1, NOV_10, List.of(), List.of("camp1"),
                        List.of()),
                DashboardsIntegrationTest.query(List.of("appA"), NOV_1, NOV_10, List.of(), List.of("tt9"), List.of()),
                DashboardsIntegrationTest.query(List.of("appA", "appB"), NOV_1, NOV_10, List.of(), List.of(),
                        List.of("US")),
                DashboardsIntegrationTest.query(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(), List.of("DE")),
                DashboardsIntegrationTest.query(List.of("appA", "appB"), NOV_1, NOV_10, List.of("meta", "tiktok"),
                        List.of(), List.of()),
                DashboardsIntegrationTest.query(List.of("appA", "appB"), NOV_1, NOV_10, List.of(), List.of(),
                        List.of("US", "DE")),
                DashboardsIntegrationTest.query(List.of("appA"), NOV_1, NOV_10, List.of("meta"), List.of(),
                        List.of("US")));
    }

    static List<ProductsDashboard> answers(Dashboards dashboards) {
        List<ProductsDashboard> out = new ArrayList<>();
        queries().forEach(q -> out.add(dashboards.products(q)));
        return out;
    }

    static List<String> closedDays(ClickHouse ch) {
        return ch.query("SELECT DISTINCT toString(day) AS d FROM closed_days ORDER BY d", Map.of()).stream()
                .map(r -> r.path("d").asString()).toList();
    }

    @Test
    void productsAnswersStayExactlyTheSameOnceTheirDaysAreClosed() {
        Clock nov20 = at("2026-11-20T10:00:00Z");
        ClickHouse ch = loaded(nov20);
        Dashboards dashboards = new Dashboards(ch, "USD", nov20);
        Dashboards statesOnly = new Dashboards(ch, "USD", nov20, true, false);
        List<ProductsDashboard> before = answers(dashboards);
        assertThat(answers(statesOnly)).isEqualTo(before);

        ProductDayCloser.Outcome o = new ProductDayCloser(ch, nov20, 3, 2, 800).closeDays(null);

        assertThat(o.closed()).extracting(LocalDate::toString)
                .containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-08");
        assertThat(closedDays(ch)).containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-08");
        // appA's 11-01 as plain numbers: d1 and d2 active, d1 paid (cohort: d1 active the day after)
        var nov1 = ch.query("""
                SELECT new_devices, dau, payers, payments FROM closed_product_days FINAL
                WHERE app_id = 'appA' AND dim = '' AND day = '2026-11-01'""", Map.of()).get(0);
        assertThat(List.of(nov1.path("new_devices").asLong(), nov1.path("dau").asLong(), nov1.path("payers").asLong(),
                nov1.path("payments").asLong())).containsExactly(2L, 2L, 1L, 1L);
        assertThat(ch.query("""
                SELECT active FROM closed_cohort_days FINAL
                WHERE app_id = 'appA' AND dim = '' AND install_day = '2026-11-01' AND days_since = 1""", Map.of())
                .get(0).path("active").asLong()).isEqualTo(2);
        assertThat(answers(dashboards)).isEqualTo(before);

        // a second run closes nothing new and closes none again: the late window (3 days before 11-20) has no data
        ProductDayCloser.Outcome again = new ProductDayCloser(ch, nov20, 3, 2, 800).closeDays(null);
        assertThat(again.closed()).isEmpty();
        assertThat(again.reclosed()).isEmpty();
        assertThat(answers(dashboards)).isEqualTo(before);
    }

    @Test
    void aLateEventOnAClosedDayShowsOnceTheDayIsClosedAgain() {
        // on 11-04: 11-01..11-03 close, 11-08 is still open (read from the states), so ranges mix both
        Clock nov4 = at("2026-11-04T10:00:00Z");
        ClickHouse ch = loaded(nov4);
        Dashboards dashboards = new Dashboards(ch, "USD", nov4);
        Dashboards statesOnly = new Dashboards(ch, "USD", nov4, true, false);
        ProductDayCloser closer = new ProductDayCloser(ch, nov4, 3, 1, 2);

        // a run closes at most 2 days for the first time: the backfill goes on in the next run
        assertThat(closer.closeDays(null).closed()).extracting(LocalDate::toString)
                .containsExactly("2026-11-01", "2026-11-02");
        ProductDayCloser.Outcome second = closer.closeDays(null);
        assertThat(second.closed()).extracting(LocalDate::toString).containsExactly("2026-11-03");
        assertThat(second.reclosed()).extracting(LocalDate::toString).containsExactly("2026-11-01", "2026-11-02");
        List<ProductsDashboard> closed = answers(dashboards);
        assertThat(closed).isEqualTo(answers(statesOnly));

        // late: a device first seen on 11-01 comes back and pays on 11-02, after 11-02 was closed
        DashboardsIntegrationTest.insert(ch, "attribution_events", """
                {"event_id":"late1","type":"LOGIN","app_id":"appA","device_key":"d9","occurred_at":"2026-11-02 20:00:00","new_device":0,"first_seen_at":"2026-11-01 09:00:00","country":"US","media_source":"meta","campaign":"camp1"}
                {"event_id":"late2","type":"PAYMENT","app_id":"appA","device_key":"d9","occurred_at":"2026-11-02 20:05:00","new_device":0,"first_seen_at":"2026-11-01 09:00:00","country":"US","media_source":"meta","campaign":"camp1","revenue":3,"currency":"EUR"}
                """);
        List<ProductsDashboard> withLate = answers(statesOnly);
        assertThat(withLate).isNotEqualTo(closed);
        // the closed day still answers its closed numbers until it is closed again; requests the closed numbers
        // cannot answer (two values or two filters: the last three) read the states and see it at once
        List<ProductsDashboard> expected = new ArrayList<>(closed.subList(0, SINGLE_FILTER));
        expected.addAll(withLate.subList(SINGLE_FILTER, withLate.size()));
        assertThat(answers(dashboards)).isEqualTo(expected);

        ProductDayCloser.Outcome third = closer.closeDays(null);
        assertThat(third.closed()).isEmpty();
        assertThat(third.reclosed()).extracting(LocalDate::toString)
                .containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        List<ProductsDashboard> reclosed = answers(dashboards);
        assertThat(reclosed).isEqualTo(withLate);
        var day2 = reclosed.get(0).days().get(1).metrics();
        assertThat(day2.payers()).isEqualTo(2);
        assertThat(reclosed.get(0).byProduct().get(0).metrics().payers()).isEqualTo(3);
    }

    @Test
    void theJobClosesAgainTheDaysItIsAskedToAndRefusesUnknownParameters() {
        Clock nov20 = at("2026-11-20T10:00:00Z");
        ClickHouse ch = loaded(nov20);
        CloseProductDaysJob job = new CloseProductDaysJob(new ProductDayCloser(ch, nov20, 3, 7, 800), "-");
        assertThat(job.run(new io.adplatform.offline.scheduler.JobRun(1, CloseProductDaysJob.NAME, "MANUAL",
                Instant.now(), Map.of()))).startsWith("closed 4 days (2026-11-01..2026-11-08), closed again 0 in ");
        assertThat(job.run(new io.adplatform.offline.scheduler.JobRun(2, CloseProductDaysJob.NAME, "MANUAL",
                Instant.now(), Map.of("days", "18")))).startsWith(
                "closed 0 days, closed again 3 (2026-11-02..2026-11-08) in ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.run(new io.adplatform.offline.scheduler.JobRun(3,
                        CloseProductDaysJob.NAME, "MANUAL", Instant.now(), Map.of("day", "3"))))
                .hasMessageContaining("day: unknown parameter");
    }
}
