package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.adplatform.offline.clickhouse.ClickHouseMigrations;
import io.adplatform.offline.clickhouse.ClickHouseProperties;
import io.adplatform.offline.dashboards.DashboardViews.DspDashboard;
import io.adplatform.offline.dashboards.DashboardViews.ProductMetrics;
import io.adplatform.offline.dashboards.DashboardViews.ProductsDashboard;
import io.adplatform.offline.support.ClickHouseTestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every dashboard metric against a real ClickHouse engine: small known event sets go into the base tables, the
 * materialized views fill the roll-ups, and each number is checked exactly. appX is never visible.
 */
class DashboardsIntegrationTest {

    static final ClickHouse CH = new ClickHouse(new ClickHouseProperties(URI.create(ClickHouseTestServer.url()),
            ClickHouseTestServer.newDatabase(), null, null, null, null), JsonMapper.builder().build());
    static final Clock NOV_20 = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");
    static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");

    final Dashboards dashboards = new Dashboards(CH, "USD", NOV_20);

    @BeforeAll
    static void load() {
        new ClickHouseMigrations(CH, NOV_20).migrate();
        loadEvents(CH);
    }

    /** The known event set of these tests, into the base tables (and media reports, FX rates, DSP campaigns). */
    static void loadEvents(ClickHouse ch) {
        insert(ch, "attribution_events", """
                {"event_id":"a1","type":"ACTIVATION","app_id":"appA","device_key":"d1","occurred_at":"2026-11-01 10:00:00","new_device":1,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1"}
                {"event_id":"a2","type":"ACTIVATION","app_id":"appA","device_key":"d2","occurred_at":"2026-11-01 11:00:00","new_device":1,"first_seen_at":"2026-11-01 11:00:00","country":"DE","media_source":"tiktok","campaign":"camp2"}
                {"event_id":"a3","type":"PAYMENT","app_id":"appA","device_key":"d1","occurred_at":"2026-11-01 12:00:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1","revenue":10,"currency":"USD"}
                {"event_id":"a4","type":"LOGIN","app_id":"appA","device_key":"d1","occurred_at":"2026-11-02 09:00:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1"}
                {"event_id":"a5","type":"PAYMENT","app_id":"appA","device_key":"d2","occurred_at":"2026-11-02 13:00:00","new_device":0,"first_seen_at":"2026-11-01 11:00:00","country":"DE","media_source":"tiktok","campaign":"camp2","revenue":20,"currency":"EUR"}
                {"event_id":"a6","type":"PAYMENT","app_id":"appA","device_key":"d1","occurred_at":"2026-11-08 08:00:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1","revenue":5,"currency":"EUR"}
                {"event_id":"a7","type":"ACTIVATION","app_id":"appA","device_key":"d3","occurred_at":"2026-11-02 10:00:00","new_device":1,"first_seen_at":"2026-11-02 10:00:00","country":"US","media_source":"organic","campaign":""}
                {"event_id":"b1","type":"ACTIVATION","app_id":"appB","device_key":"e1","occurred_at":"2026-11-01 10:00:00","new_device":1,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1"}
                {"event_id":"b2","type":"PAYMENT","app_id":"appB","device_key":"e1","occurred_at":"2026-11-01 10:30:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1","revenue":7,"currency":"GBP"}
                {"event_id":"b3","type":"PAYMENT","app_id":"appB","device_key":"e1","occurred_at":"2026-11-03 10:30:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1","revenue":1000,"currency":"JPY"}
                {"event_id":"x1","type":"ACTIVATION","app_id":"appX","device_key":"x1","occurred_at":"2026-11-01 10:00:00","new_device":1,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1"}
                {"event_id":"x2","type":"PAYMENT","app_id":"appX","device_key":"x1","occurred_at":"2026-11-01 10:00:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"camp1","revenue":999,"currency":"USD"}
                """);
        insert(ch, "fx_rates", """
                {"day":"2026-11-01","currency":"EUR","rate":1.1,"updated_at":"2026-11-01 00:00:00"}
                {"day":"2026-11-02","currency":"EUR","rate":1.0,"updated_at":"2026-11-02 00:00:00"}
                {"day":"2026-11-08","currency":"EUR","rate":1.2,"updated_at":"2026-11-08 00:00:00"}
                {"day":"2026-10-31","currency":"JPY","rate":0.0065,"updated_at":"2026-10-31 00:00:00"}
                """);
        insert(ch, "fx_rates", """
                {"day":"2026-11-02","currency":"EUR","rate":1.15,"updated_at":"2026-11-02 06:00:00"}
                """);
        insert(ch, "media_reports", """
                {"app_id":"appA","day":"2026-11-01","media":"meta","account_id":"act1","campaign_id":"camp1","ad_id":"ad1","currency":"USD","spend":50,"spend_reporting":50,"installs":1,"pulled_at":"2026-11-02 01:00:00"}
                {"app_id":"appA","day":"2026-11-01","media":"tiktok","account_id":"adv1","campaign_id":"tt9","campaign_name":"camp2","ad_id":"ad2","currency":"USD","spend":10,"spend_reporting":10,"installs":1,"pulled_at":"2026-11-02 01:00:00"}
                {"app_id":"appA","day":"2026-11-02","media":"meta","account_id":"act1","campaign_id":"camp1","ad_id":"ad1","currency":"USD","spend":30,"spend_reporting":30,"installs":0,"pulled_at":"2026-11-03 01:00:00"}
                {"app_id":"appX","day":"2026-11-01","media":"meta","account_id":"actX","campaign_id":"camp1","ad_id":"adX","currency":"USD","spend":1000,"spend_reporting":1000,"installs":5,"pulled_at":"2026-11-02 01:00:00"}
                """);
        // a re-pull of appA/meta/ad1 on 11-01: the newer figures replace the older
        insert(ch, "media_reports", """
                {"app_id":"appA","day":"2026-11-01","media":"meta","account_id":"act1","campaign_id":"camp1","ad_id":"ad1","currency":"USD","spend":40,"spend_reporting":40,"installs":1,"pulled_at":"2026-11-03 01:00:00"}
                """);
        insert(ch, "dsp_campaigns", """
                {"campaign_id":"c1","app_id":"appA","name":"c1","version":1}
                {"campaign_id":"c2","app_id":"appX","name":"c2","version":1}
                """);
        insert(ch, "bid_events", """
                {"event_id":"1","type":"BID","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":1000000,"at":"2026-11-01 10:00:00"}
                {"event_id":"2","type":"BID","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":1000000,"at":"2026-11-01 10:00:00"}
                {"event_id":"3","type":"BID","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":1000000,"at":"2026-11-01 10:00:00"}
                {"event_id":"4","type":"BID","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":1000000,"at":"2026-11-01 10:00:00"}
                {"event_id":"5","type":"WIN","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":2000000,"at":"2026-11-01 10:00:01"}
                {"event_id":"6","type":"WIN","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":3000000,"at":"2026-11-01 10:00:01"}
                {"event_id":"7","type":"LOSS","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","price_micros":0,"at":"2026-11-01 10:00:01"}
                {"event_id":"8","type":"IMPRESSION","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","at":"2026-11-01 10:00:02"}
                {"event_id":"9","type":"IMPRESSION","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","at":"2026-11-01 10:00:02"}
                {"event_id":"10","type":"CLICK","campaign_id":"c1","exchange":"ex1","country":"US","currency":"USD","at":"2026-11-01 10:00:03"}
                {"event_id":"11","type":"BID","campaign_id":"c1","exchange":"ex2","country":"DE","currency":"EUR","price_micros":1000000,"at":"2026-11-02 10:00:00"}
                {"event_id":"12","type":"WIN","campaign_id":"c1","exchange":"ex2","country":"DE","currency":"EUR","price_micros":4000000,"at":"2026-11-02 10:00:01"}
                {"event_id":"13","type":"IMPRESSION","campaign_id":"c1","exchange":"ex2","country":"DE","currency":"EUR","at":"2026-11-02 10:00:02"}
                {"event_id":"14","type":"BID","campaign_id":"c2","exchange":"ex1","country":"US","currency":"USD","price_micros":1000000,"at":"2026-11-01 10:00:00"}
                {"event_id":"15","type":"WIN","campaign_id":"c2","exchange":"ex1","country":"US","currency":"USD","price_micros":100000000,"at":"2026-11-01 10:00:01"}
                """);
        insert(ch, "callback_results", """
                {"event_id":"a1","app_id":"appA","partner":"appsflyer","outcome":"SUCCESS","attempts":1,"latency_ms":100,"at":"2026-11-01 10:00:01"}
                {"event_id":"a3","app_id":"appA","partner":"appsflyer","outcome":"SUCCESS","attempts":1,"latency_ms":200,"at":"2026-11-01 12:00:01"}
                {"event_id":"a5","app_id":"appA","partner":"appsflyer","outcome":"FAILED","attempts":3,"latency_ms":null,"at":"2026-11-02 13:00:01"}
                {"event_id":"a3","app_id":"appA","partner":"meta","outcome":"SUCCESS","attempts":1,"latency_ms":50,"at":"2026-11-01 12:00:01"}
                {"event_id":"x2","app_id":"appX","partner":"meta","outcome":"SUCCESS","attempts":1,"latency_ms":5000,"at":"2026-11-01 10:00:01"}
                """);
    }

    static void insert(ClickHouse ch, String table, String rows) {
        ch.insert(table, List.of(), "JSONEachRow", rows.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static DashboardQuery query(List<String> products, LocalDate from, LocalDate to, List<String> mediaSources,
                                List<String> campaigns, List<String> countries) {
        return new DashboardQuery(products, from, to, mediaSources, campaigns, countries, List.of(), List.of());
    }

    static DashboardQuery query(List<String> products) {
        return query(products, NOV_1, NOV_10, List.of(), List.of(), List.of());
    }

    @Test
    void productTotalsPerProductAndPerDayHaveExactValues() {
        ProductsDashboard d = dashboards.products(query(List.of("appA", "appB")));

        ProductMetrics a = d.byProduct().get(0).metrics();
        assertThat(d.byProduct().get(0).product()).isEqualTo("appA");
        assertThat(a).isEqualTo(new ProductMetrics(2L, 3, 0.6, 2, 3, 39.0, 80.0, 40.0, 0.125, 0.4125, 0.4875,
                0.666667, 0.333333, List.of()));
        ProductMetrics b = d.byProduct().get(1).metrics();
        assertThat(b).isEqualTo(new ProductMetrics(0L, 1, 0.2, 1, 2, 6.5, 0.0, null, null, null, null, 0.0, 0.0,
                List.of("GBP")));
        assertThat(d.totals()).isEqualTo(new ProductMetrics(2L, 4, 0.8, 3, 5, 45.5, 80.0, 40.0, 0.125, 0.4125,
                0.56875, 0.5, 0.25, List.of("GBP")));

        assertThat(d.days()).hasSize(10);
        assertThat(d.days().get(0).day()).isEqualTo(NOV_1);
        assertThat(d.days().get(0).metrics()).isEqualTo(new ProductMetrics(2L, 3, 3.0, 2, 2, 10.0, 50.0, 25.0, 0.2,
                0.66, 0.91, 0.666667, 0.333333, List.of("GBP")));
        // 11-02: d1, d2, d3 in appA; d2 paid 20 EUR at the 11-02 rate (the later write of it: 1.15)
        assertThat(d.days().get(1).metrics()).isEqualTo(new ProductMetrics(0L, 1, 3.0, 1, 1, 23.0, 30.0, null, 0.0,
                0.0, 0.0, 0.0, 0.0, List.of()));
        // 11-08: 5 EUR at 1.2; no cohort, no spend
        assertThat(d.days().get(7).metrics()).isEqualTo(new ProductMetrics(0L, 0, 1.0, 1, 1, 6.0, 0.0, null, null,
                null, null, null, null, List.of()));
        assertThat(d.notes()).isEmpty();
        assertThat(d.reportingCurrency()).isEqualTo("USD");
    }

    @Test
    void aProductOutsideTheSetNeverAppearsEvenWhenFiltersNameIt() {
        ProductsDashboard d = dashboards.products(query(List.of("appB"), NOV_1, NOV_10, List.of("meta"),
                List.of("camp1"), List.of()));
        assertThat(d.byProduct()).extracting(DashboardViews.ProductBreakdown::product).containsExactly("appB");
        assertThat(d.totals().newDevices()).isEqualTo(1);
        assertThat(d.totals().spend()).isEqualTo(0.0);
        assertThat(d.totals().revenue()).isEqualTo(6.5);

        DspDashboard dsp = dashboards.dsp(new DashboardQuery(List.of("appA"), NOV_1, NOV_10, List.of(),
                List.of("c2"), List.of(), List.of(), List.of()));
        assertThat(dsp.totals().bids()).isZero();
        assertThat(dsp.byCampaign()).isEmpty();

        var callbacks = dashboards.callbacks(query(List.of("appB")));
        assertThat(callbacks.totals().results()).isZero();
        assertThat(callbacks.byPartner()).isEmpty();
    }

    @Test
    void filtersNarrowEveryMetricAndACountryFilterNullsMediaFigures() {
        ProductsDashboard meta = dashboards.products(query(List.of("appA"), NOV_1, NOV_10, List.of("meta"),
                List.of(), List.of()));
        assertThat(meta.totals()).isEqualTo(new ProductMetrics(1L, 1, 0.3, 1, 2, 16.0, 70.0, 70.0, 0.142857,
                0.142857, 0.228571, 1.0, 1.0, List.of()));

        ProductsDashboard tiktokByName = dashboards.products(query(List.of("appA"), NOV_1, NOV_10, List.of(),
                List.of("camp2"), List.of()));
        assertThat(tiktokByName.totals().spend()).isEqualTo(10.0);
        assertThat(tiktokByName.totals().revenue()).isEqualTo(23.0);

        ProductsDashboard us = dashboards.products(query(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(),
                List.of("US")));
        assertThat(us.totals()).isEqualTo(new ProductMetrics(null, 2, 0.4, 1, 2, 16.0, null, null, null, null,
                null, 0.5, 0.5, List.of()));
        assertThat(us.notes()).containsExactly(Dashboards.COUNTRY_NOTE);
    }

    @Test
    void ratiosWhoseWindowHasNotElapsedAreNull() {
        Dashboards onNov5 = new Dashboards(CH, "USD", Clock.fixed(Instant.parse("2026-11-05T01:00:00Z"), ZoneOffset.UTC));
        ProductsDashboard d = onNov5.products(query(List.of("appA"), NOV_1, LocalDate.parse("2026-11-04"),
                List.of(), List.of(), List.of()));
        assertThat(d.totals().roasD0()).isEqualTo(0.125);
        assertThat(d.totals().roasD1()).isEqualTo(0.4125);
        assertThat(d.totals().roasD7()).isNull();
        assertThat(d.totals().retentionD1()).isEqualTo(0.666667);
        assertThat(d.totals().retentionD7()).isNull();
        assertThat(d.days().get(0).metrics().roasD1()).isEqualTo(0.66);
        assertThat(d.days().get(0).metrics().roasD7()).isNull();

        Dashboards onNov3 = new Dashboards(CH, "USD", Clock.fixed(Instant.parse("2026-11-03T05:00:00Z"), ZoneOffset.UTC));
        ProductsDashboard early = onNov3.products(query(List.of("appA"), NOV_1, LocalDate.parse("2026-11-02"),
                List.of(), List.of(), List.of()));
        assertThat(early.days().get(0).metrics().retentionD1()).isEqualTo(1.0); // 11-02 is over on 11-03
        assertThat(early.days().get(1).metrics().newDevices()).isEqualTo(1);
        assertThat(early.days().get(1).metrics().retentionD1()).isNull(); // 11-03 is not over yet
        assertThat(early.days().get(1).metrics().roasD0()).isEqualTo(0.0); // 11-02 is over: no D0 revenue on 30 spend
        assertThat(early.totals().retentionD1()).isEqualTo(1.0); // only the 11-01 cohort counts
    }

    @Test
    void dspMetricsConvertWinPricesAndFilter() {
        DspDashboard d = dashboards.dsp(new DashboardQuery(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(),
                List.of(), List.of(), List.of()));
        var t = d.totals();
        assertThat(List.of(t.bids(), t.wins(), t.impressions(), t.clicks())).containsExactly(5L, 3L, 3L, 1L);
        assertThat(t.winRate()).isEqualTo(0.6);
        assertThat(t.ctr()).isEqualTo(0.333333);
        assertThat(t.spend()).isCloseTo(0.0096, within(1e-9)); // 5 CPM USD / 1000 + 4 CPM EUR / 1000 x 1.15
        assertThat(t.ecpm()).isCloseTo(3.2, within(1e-6));
        assertThat(d.byCampaign()).singleElement().satisfies(c -> {
            assertThat(c.campaignId()).isEqualTo("c1");
            assertThat(c.product()).isEqualTo("appA");
            assertThat(c.metrics()).isEqualTo(t);
        });
        assertThat(d.days().get(0).metrics().bids()).isEqualTo(4);
        assertThat(d.days().get(1).metrics().spend()).isCloseTo(0.0046, within(1e-9));

        DspDashboard us = dashboards.dsp(new DashboardQuery(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(),
                List.of("US"), List.of("ex1"), List.of()));
        assertThat(us.totals().bids()).isEqualTo(4);
        assertThat(us.totals().spend()).isCloseTo(0.005, within(1e-9));
        assertThat(us.totals().ecpm()).isCloseTo(2.5, within(1e-6));
    }

    @Test
    void theDashboardRollupsAnswerExactlyAsTheV1Rollups() {
        Dashboards v1Only = new Dashboards(CH, "USD", NOV_20, false);
        LocalDate nov2 = LocalDate.parse("2026-11-02");
        LocalDate nov8 = LocalDate.parse("2026-11-08");
        List<DashboardQuery> products = List.of(
                query(List.of("appA", "appB")),
                query(List.of("appA", "appB", "appX"), nov2, nov8, List.of(), List.of(), List.of()),
                query(List.of("appA", "appB"), NOV_1, NOV_10, List.of("meta", "tiktok"), List.of(), List.of()),
                query(List.of("appA"), NOV_1, NOV_10, List.of("organic"), List.of(), List.of()),
                query(List.of("appA", "appB"), NOV_1, NOV_10, List.of(), List.of("camp1"), List.of()),
                query(List.of("appA"), NOV_1, NOV_10, List.of(), List.of("camp2", "tt9"), List.of()),
                query(List.of("appA", "appB"), NOV_1, NOV_10, List.of(), List.of(), List.of("DE")),
                query(List.of("appA", "appB"), NOV_1, NOV_10, List.of(), List.of(), List.of("US", "DE")));
        for (DashboardQuery q : products) {
            assertThat(dashboards.products(q)).as("products %s", q).isEqualTo(v1Only.products(q));
        }
        List<DashboardQuery> dsp = List.of(
                new DashboardQuery(List.of("appA", "appX"), NOV_1, NOV_10, List.of(), List.of(), List.of(), List.of(), List.of()),
                new DashboardQuery(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(), List.of("DE"), List.of(), List.of()),
                new DashboardQuery(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(), List.of(), List.of("ex1"), List.of()),
                new DashboardQuery(List.of("appA"), nov2, NOV_10, List.of(), List.of("c1"), List.of(), List.of(), List.of()),
                new DashboardQuery(List.of("appA", "appX"), NOV_1, NOV_10, List.of(), List.of("c1", "c2"),
                        List.of("US"), List.of(), List.of()));
        for (DashboardQuery q : dsp) {
            assertThat(dashboards.dsp(q)).as("dsp %s", q).isEqualTo(v1Only.dsp(q));
        }
        // and the figures are the known ones, not two equal wrong answers
        assertThat(dashboards.products(products.get(6)).totals().newDevices()).isEqualTo(1);
        assertThat(dashboards.products(products.get(6)).totals().revenue()).isEqualTo(23.0);
        assertThat(dashboards.dsp(dsp.get(1)).totals().bids()).isEqualTo(1);
        assertThat(dashboards.dsp(dsp.get(2)).totals().bids()).isEqualTo(4);
        assertThat(dashboards.dsp(dsp.get(0)).byCampaign()).extracting(DashboardViews.DspCampaign::campaignId)
                .containsExactly("c2", "c1");
    }

    @Test
    void callbacksByPartnerOutcomeAndDay() {
        var d = dashboards.callbacks(query(List.of("appA", "appB")));
        assertThat(d.totals().results()).isEqualTo(4);
        assertThat(d.totals().meanLatencyMs()).isEqualTo(87.5);
        assertThat(d.byPartner()).hasSize(2);
        var af = d.byPartner().get(0);
        assertThat(af.partner()).isEqualTo("appsflyer");
        assertThat(af.results()).isEqualTo(3);
        assertThat(af.meanLatencyMs()).isEqualTo(100.0);
        assertThat(af.outcomes()).containsExactly(new DashboardViews.OutcomeCount("FAILED", 1, 0.333333, 0.0),
                new DashboardViews.OutcomeCount("SUCCESS", 2, 0.666667, 150.0));
        assertThat(d.byPartner().get(1).meanLatencyMs()).isEqualTo(50.0);
        assertThat(d.days().get(0).results()).isEqualTo(3);
        assertThat(d.days().get(1).results()).isEqualTo(1);

        var meta = dashboards.callbacks(new DashboardQuery(List.of("appA"), NOV_1, NOV_10, List.of(), List.of(),
                List.of(), List.of(), List.of("meta")));
        assertThat(meta.totals().results()).isEqualTo(1);
        assertThat(meta.byPartner()).extracting(DashboardViews.PartnerResults::partner).containsExactly("meta");
    }
}
