package io.adplatform.offline.dashboards;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.adplatform.offline.dashboards.DashboardViews.CallbackDay;
import io.adplatform.offline.dashboards.DashboardViews.CallbackTotals;
import io.adplatform.offline.dashboards.DashboardViews.CallbacksDashboard;
import io.adplatform.offline.dashboards.DashboardViews.DspCampaign;
import io.adplatform.offline.dashboards.DashboardViews.DspDashboard;
import io.adplatform.offline.dashboards.DashboardViews.DspDay;
import io.adplatform.offline.dashboards.DashboardViews.DspMetrics;
import io.adplatform.offline.dashboards.DashboardViews.Filters;
import io.adplatform.offline.dashboards.DashboardViews.OutcomeCount;
import io.adplatform.offline.dashboards.DashboardViews.PartnerResults;
import io.adplatform.offline.dashboards.DashboardViews.ProductBreakdown;
import io.adplatform.offline.dashboards.DashboardViews.ProductDay;
import io.adplatform.offline.dashboards.DashboardViews.ProductMetrics;
import io.adplatform.offline.dashboards.DashboardViews.ProductsDashboard;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards' read side: runs {@link DashboardSql}'s statements against the roll-ups and shapes the answers. Only
 * the products of the query are ever read (every statement filters on them first). "Today" is the UTC day of the
 * injected clock; a cohort window is over when its last day is before today.
 */
public class Dashboards {

    static final String COUNTRY_NOTE = "media reports are not split by country: installs, spend, CPI and ROAS are null "
            + "under a country filter";

    private final ClickHouse clickHouse;
    private final DashboardSql sql;
    private final String reportingCurrency;
    private final Clock clock;
    private final boolean closedDays;

    public Dashboards(ClickHouse clickHouse, String reportingCurrency, Clock clock) {
        this(clickHouse, reportingCurrency, clock, true);
    }

    /**
     * @param dashboardRollups read the V3 dashboard roll-ups where the filters allow (the default); false: always the
     *                         V1 roll-ups (same figures, slower)
     */
    public Dashboards(ClickHouse clickHouse, String reportingCurrency, Clock clock, boolean dashboardRollups) {
        this(clickHouse, reportingCurrency, clock, dashboardRollups, true);
    }

    /**
     * @param closedDays /products reads the plain numbers of closed days (V4) where the filters allow (the default);
     *                   false: always the states (same figures, slower)
     */
    public Dashboards(ClickHouse clickHouse, String reportingCurrency, Clock clock, boolean dashboardRollups,
                      boolean closedDays) {
        this.closedDays = closedDays;
        this.clickHouse = clickHouse;
        this.sql = new DashboardSql(reportingCurrency, dashboardRollups);
        this.reportingCurrency = reportingCurrency;
        this.clock = clock;
    }

    /** One bucket's sums (a day, a product, or all of them) before ratios are taken. */
    private static final class Sums {
        long newDevices;
        long dauSum;
        long payers;
        long payments;
        double revenue;
        final TreeSet<String> unconverted = new TreeSet<>();
        long installs;
        double spend;
        long newE1;
        long newE7;
        long activeD1E1;
        long activeD7E7;
        double revD0E0;
        double revD1E1;
        double revD7E7;
        double spendE0;
        double spendE1;
        double spendE7;

        void addActivity(JsonNode r, boolean rangePayers) {
            newDevices += r.path("new_devices").asLong();
            dauSum += r.path("dau").asLong();
            payers += r.path(rangePayers ? "payers_range" : "payers_day").asLong();
            payments += r.path("payments").asLong();
            revenue += r.path("revenue").asDouble();
            r.path("unconverted").forEach(c -> unconverted.add(c.asString()));
        }

        void addCohorts(JsonNode r) {
            installs += r.path("installs").asLong();
            spend += r.path("spend").asDouble();
            newE1 += r.path("new_devices_e1").asLong();
            newE7 += r.path("new_devices_e7").asLong();
            activeD1E1 += r.path("active_d1_e1").asLong();
            activeD7E7 += r.path("active_d7_e7").asLong();
            revD0E0 += r.path("rev_d0_e0").asDouble();
            revD1E1 += r.path("rev_d1_e1").asDouble();
            revD7E7 += r.path("rev_d7_e7").asDouble();
            spendE0 += r.path("spend_e0").asDouble();
            spendE1 += r.path("spend_e1").asDouble();
            spendE7 += r.path("spend_e7").asDouble();
        }

        void add(Sums o) {
            newDevices += o.newDevices;
            dauSum += o.dauSum;
            payments += o.payments;
            revenue += o.revenue;
            unconverted.addAll(o.unconverted);
            installs += o.installs;
            spend += o.spend;
            newE1 += o.newE1;
            newE7 += o.newE7;
            activeD1E1 += o.activeD1E1;
            activeD7E7 += o.activeD7E7;
            revD0E0 += o.revD0E0;
            revD1E1 += o.revD1E1;
            revD7E7 += o.revD7E7;
            spendE0 += o.spendE0;
            spendE1 += o.spendE1;
            spendE7 += o.spendE7;
        }

        ProductMetrics metrics(int days, boolean mediaKnown) {
            Double spendOut = mediaKnown ? round(spend) : null;
            return new ProductMetrics(mediaKnown ? installs : null, newDevices, round2((double) dauSum / days), payers,
                    payments, round(revenue), spendOut, mediaKnown ? ratio(spend, installs) : null,
                    mediaKnown ? ratio(revD0E0, spendE0) : null, mediaKnown ? ratio(revD1E1, spendE1) : null,
                    mediaKnown ? ratio(revD7E7, spendE7) : null, ratio(activeD1E1, newE1), ratio(activeD7E7, newE7),
                    List.copyOf(unconverted));
        }
    }

    public ProductsDashboard products(DashboardQuery q) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean mediaKnown = q.countries().isEmpty();
        Map<LocalDate, Sums> days = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            days.put(d, new Sums());
        }
        Map<String, Sums> products = new LinkedHashMap<>();
        q.products().forEach(p -> products.put(p, new Sums()));
        Set<LocalDate> closed = closedDays(q);
        for (JsonNode r : run(sql.productActivity(q, closed))) {
            Sums s = bucket(r, days, products, "app_id");
            if (s != null) {
                s.addActivity(r, r.path("per_day").asInt() == 0);
            }
        }
        for (JsonNode r : run(sql.productCohorts(q, today, closed))) {
            Sums s = bucket(r, days, products, "app_id");
            if (s != null) {
                s.addCohorts(r);
            }
        }
        Sums total = new Sums();
        days.values().forEach(total::add);
        products.values().forEach(p -> total.payers += p.payers);
        List<ProductDay> series = new ArrayList<>(days.size());
        days.forEach((d, s) -> series.add(new ProductDay(d, s.metrics(1, mediaKnown))));
        List<ProductBreakdown> breakdown = new ArrayList<>(products.size());
        products.forEach((p, s) -> breakdown.add(new ProductBreakdown(p, s.metrics(q.days(), mediaKnown))));
        return new ProductsDashboard(q.products(), q.from(), q.to(), filters(q), reportingCurrency,
                mediaKnown ? List.of() : List.of(COUNTRY_NOTE), total.metrics(q.days(), mediaKnown), series, breakdown);
    }

    public DspDashboard dsp(DashboardQuery q) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<LocalDate, Double> daySpend = new TreeMap<>();
        Map<LocalDate, TreeSet<String>> dayUnconverted = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            days.put(d, new long[4]);
            daySpend.put(d, 0.0);
            dayUnconverted.put(d, new TreeSet<>());
        }
        List<DspCampaign> campaigns = new ArrayList<>();
        long[] total = new long[4];
        double totalSpend = 0;
        TreeSet<String> totalUnconverted = new TreeSet<>();
        for (JsonNode r : run(sql.dsp(q))) {
            long[] counts = {r.path("bids").asLong(), r.path("wins").asLong(), r.path("impressions").asLong(),
                    r.path("clicks").asLong()};
            double spend = r.path("spend").asDouble();
            List<String> unconverted = new ArrayList<>();
            r.path("unconverted").forEach(c -> unconverted.add(c.asString()));
            if (r.path("per_day").asInt() == 1) {
                LocalDate day = LocalDate.parse(r.path("day").asString());
                long[] d = days.get(day);
                if (d == null) {
                    continue;
                }
                for (int i = 0; i < 4; i++) {
                    d[i] += counts[i];
                    total[i] += counts[i];
                }
                daySpend.merge(day, spend, Double::sum);
                totalSpend += spend;
                dayUnconverted.get(day).addAll(unconverted);
                totalUnconverted.addAll(unconverted);
            } else if (!r.path("product").isNull() && q.products().contains(r.path("product").asString())) {
                campaigns.add(new DspCampaign(r.path("campaign_id").asString(), r.path("product").asString(),
                        dspMetrics(counts, spend, unconverted)));
            }
        }
        campaigns.sort(Comparator.comparingDouble((DspCampaign c) -> -c.metrics().spend())
                .thenComparing(DspCampaign::campaignId));
        List<DspDay> series = new ArrayList<>();
        days.forEach((d, c) -> series.add(new DspDay(d, dspMetrics(c, daySpend.get(d), List.copyOf(dayUnconverted.get(d))))));
        return new DspDashboard(q.products(), q.from(), q.to(), filters(q), reportingCurrency,
                dspMetrics(total, totalSpend, List.copyOf(totalUnconverted)), series, campaigns);
    }

    public CallbacksDashboard callbacks(DashboardQuery q) {
        Map<LocalDate, Map<String, long[]>> days = new TreeMap<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            days.put(d, new TreeMap<>());
        }
        Map<String, Map<String, long[]>> partners = new TreeMap<>();
        Map<String, long[]> totals = new TreeMap<>();
        for (JsonNode r : run(sql.callbacks(q))) {
            long[] v = {r.path("n").asLong(), r.path("latency").asLong()};
            String outcome = r.path("outcome").asString();
            if (r.path("per_day").asInt() == 1) {
                Map<String, long[]> day = days.get(LocalDate.parse(r.path("day").asString()));
                if (day != null) {
                    day.merge(outcome, v, Dashboards::plus);
                    totals.merge(outcome, v.clone(), Dashboards::plus);
                }
            } else {
                partners.computeIfAbsent(r.path("partner").asString(), k -> new TreeMap<>()).merge(outcome, v,
                        Dashboards::plus);
            }
        }
        List<PartnerResults> byPartner = new ArrayList<>();
        partners.forEach((partner, outcomes) -> {
            long[] sum = sum(outcomes);
            byPartner.add(new PartnerResults(partner, sum[0], mean(sum), outcomeCounts(outcomes, sum[0])));
        });
        List<CallbackDay> series = new ArrayList<>();
        days.forEach((d, outcomes) -> {
            long n = sum(outcomes)[0];
            series.add(new CallbackDay(d, n, outcomeCounts(outcomes, n)));
        });
        long[] all = sum(totals);
        return new CallbacksDashboard(q.products(), q.from(), q.to(), filters(q),
                new CallbackTotals(all[0], mean(all), outcomeCounts(totals, all[0])), byPartner, series);
    }

    /**
     * The days of the range (and the 7 after it, for cohort cells) that the close-product-days job has closed, read
     * once per request so both statements split the days alike.
     */
    private Set<LocalDate> closedDays(DashboardQuery q) {
        if (!closedDays) {
            return Set.of();
        }
        Set<LocalDate> days = new HashSet<>();
        for (JsonNode r : clickHouse.query(
                "SELECT DISTINCT day FROM closed_days WHERE day >= {from:Date} AND day <= {to:Date}",
                Map.of("from", q.from().toString(), "to", q.to().plusDays(7).toString()))) {
            days.add(LocalDate.parse(r.path("day").asString()));
        }
        return days;
    }

    private List<JsonNode> run(DashboardSql.Statement s) {
        return clickHouse.query(s.sql(), s.params());
    }

    /** The day's or the product's bucket of a GROUPING SETS row; null for a key outside the request. */
    private static Sums bucket(JsonNode r, Map<LocalDate, Sums> days, Map<String, Sums> products, String keyColumn) {
        if (r.path("per_day").asInt() == 1) {
            return days.get(LocalDate.parse(r.path("day").asString()));
        }
        return products.get(r.path(keyColumn).asString());
    }

    private static DspMetrics dspMetrics(long[] c, double spend, List<String> unconverted) {
        return new DspMetrics(c[0], c[1], ratio(c[1], c[0]), c[2], c[3], ratio(c[3], c[2]), round(spend),
                c[2] == 0 ? null : round(spend / c[2] * 1000), unconverted);
    }

    private static List<OutcomeCount> outcomeCounts(Map<String, long[]> outcomes, long total) {
        List<OutcomeCount> out = new ArrayList<>();
        outcomes.forEach((o, v) -> out.add(new OutcomeCount(o, v[0], total == 0 ? 0 : round((double) v[0] / total),
                mean(v))));
        return out;
    }

    private static long[] sum(Map<String, long[]> outcomes) {
        return outcomes.values().stream().reduce(new long[2], Dashboards::plus);
    }

    private static long[] plus(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private static Double mean(long[] v) {
        return v[0] == 0 ? null : round2((double) v[1] / v[0]);
    }

    private static Filters filters(DashboardQuery q) {
        return new Filters(q.mediaSources(), q.campaigns(), q.countries(), q.exchanges(), q.partners());
    }

    static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : round(numerator / denominator);
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

}
