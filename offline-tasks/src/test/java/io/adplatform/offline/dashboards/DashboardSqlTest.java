package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which roll-up each request reads: products the V1 ones; the DSP the V3 one for no or one filter dimension. */
class DashboardSqlTest {

    static final LocalDate FROM = LocalDate.parse("2026-11-01");
    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    final DashboardSql sql = new DashboardSql("USD");

    static DashboardQuery q(List<String> media, List<String> campaigns, List<String> countries, List<String> exchanges) {
        return new DashboardQuery(List.of("appA"), FROM, FROM.plusDays(9), media, campaigns, countries, exchanges,
                List.of());
    }

    @Test
    void noFilterReadsTheWholeDayRowsOfTheDashboardRollups() {
        DashboardQuery q = q(List.of(), List.of(), List.of(), List.of());
        assertThat(sql.productActivity(q).sql()).contains("FROM daily_product_stats").doesNotContain("dim =");
        assertThat(sql.productCohorts(q, TODAY).sql()).contains("FROM daily_cohort_stats")
                .contains("FROM daily_product_stats");
        assertThat(sql.dsp(q).sql()).contains("dim = ''").contains("FROM dashboard_dsp_days").doesNotContain("daily_dsp_stats");
    }

    @Test
    void oneFilterDimensionReadsItsRowSet() {
        DashboardSql.Statement s = sql.dsp(q(List.of(), List.of(), List.of("US", "DE"), List.of()));
        assertThat(s.sql()).contains("FROM dashboard_dsp_days")
                .contains("dim = 'country' AND value IN {country:Array(String)}");
        assertThat(s.params()).containsEntry("country", "['US','DE']");
        assertThat(sql.productActivity(q(List.of(), List.of(), List.of("US"), List.of())).sql())
                .contains("FROM daily_product_stats").contains("country IN {country:Array(String)}");
        DashboardSql.Statement dsp = sql.dsp(q(List.of(), List.of("c1"), List.of(), List.of("ex1")));
        assertThat(dsp.sql()).contains("FROM dashboard_dsp_days")
                .contains("dim = 'exchange' AND value IN {exchange:Array(String)}")
                .contains("campaign_id IN {campaign:Array(String)}");
    }

    @Test
    void combinedFiltersAndTheSwitchReadTheV1Rollups() {
        DashboardQuery two = q(List.of("meta"), List.of("camp1"), List.of(), List.of());
        assertThat(sql.productActivity(two).sql()).contains("FROM daily_product_stats")
                .contains("media_source IN {media_source:Array(String)}")
                .contains("campaign IN {campaign:Array(String)}");
        assertThat(sql.productCohorts(two, TODAY).sql()).contains("FROM daily_cohort_stats");
        assertThat(sql.dsp(q(List.of(), List.of(), List.of("US"), List.of("ex1"))).sql())
                .contains("FROM daily_dsp_stats").doesNotContain("dashboard_dsp_days");
        DashboardSql v1 = new DashboardSql("USD", false);
        DashboardQuery none = q(List.of(), List.of(), List.of(), List.of());
        assertThat(v1.productActivity(none).sql()).contains("FROM daily_product_stats").doesNotContain("dim =");
        assertThat(v1.dsp(none).sql()).contains("FROM daily_dsp_stats");
    }

    @Test
    void closedDaysReadPlainNumbersForNoFilterOrOneValueAndStatesOtherwise() {
        // 11-01..11-08 closed: 11-09 and 11-10 stay on the states, as do cohort cells whose activity day is not closed
        java.util.Set<LocalDate> closed = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            closed.add(FROM.plusDays(i));
        }
        DashboardSql.Statement activity = sql.productActivity(q(List.of(), List.of(), List.of(), List.of()), closed);
        assertThat(activity.sql()).contains("FROM closed_product_days FINAL", "FROM daily_product_stats",
                "day IN {open_days:Array(Date)}", "dim = '' AND value = ''");
        assertThat(activity.params()).containsEntry("open_days", "['2026-11-09','2026-11-10']");
        DashboardSql.Statement cohorts = sql.productCohorts(q(List.of("meta"), List.of(), List.of(), List.of()), TODAY,
                closed);
        assertThat(cohorts.sql()).contains("FROM closed_cohort_days FINAL", "FROM daily_cohort_stats",
                "dim = 'media_source' AND value IN {media_source:Array(String)}");
        assertThat(cohorts.params()).containsEntry("open_cohorts",
                "['2026-11-02','2026-11-03','2026-11-04','2026-11-05','2026-11-06','2026-11-07','2026-11-08',"
                        + "'2026-11-09','2026-11-10']");

        // two values (their devices may overlap) or two filters: states only
        assertThat(sql.productActivity(q(List.of(), List.of(), List.of("US", "DE"), List.of()), closed).sql())
                .doesNotContain("closed_product_days");
        assertThat(sql.productCohorts(q(List.of("meta"), List.of("c1"), List.of(), List.of()), TODAY, closed).sql())
                .doesNotContain("closed_");
    }
}
