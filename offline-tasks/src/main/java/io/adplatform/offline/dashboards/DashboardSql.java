package io.adplatform.offline.dashboards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The dashboards' SQL over the roll-ups. Text is built from fixed fragments only; every value the caller sent is bound
 * server-side through {@code {name:Type}} placeholders (lists as {@code Array(String)}). Each statement groups by
 * {@code GROUPING SETS}, so one round trip gives both the per-day series and the per-product (or per-campaign)
 * breakdown; {@code grouping(x) = 1} marks the rows where {@code x} was rolled up. Amounts in another currency than
 * the reporting one convert at the day's rate in {@code fx_rates}, or the latest earlier one (ASOF JOIN); with no rate
 * at all they are left out and their currency is listed in {@code unconverted}.
 *
 * <p>Sources: the product dashboards read V4's closed days ({@code closed_product_days}, {@code closed_cohort_days}:
 * plain numbers per product-day and single filter) for the days the close-product-days job has closed, when the request
 * has no filter or one filter with one value, and the V1 roll-ups' states for every other day or request. The DSP
 * dashboard with no filter or a single one (country or exchange, with or without a campaign filter) reads V3's
 * {@code dashboard_dsp_days} (one row set per campaign-day and filter dimension, {@code dim = ''} for the whole day);
 * combining filters reads the V1 roll-up, finer and slower. Every source gives the same figures.
 */
final class DashboardSql {

    /** A statement and its bound parameters. */
    record Statement(String sql, Map<String, Object> params) {
    }

    /** A table to read and the conditions that select the request's rows in it (products, range, filters). */
    private record Source(String table, String where) {
    }

    private final String reportingCurrency;
    private final boolean dashboardRollups;

    /**
     * @param dashboardRollups read the V3 dashboard roll-ups when the filters allow (false: always the V1 roll-ups)
     */
    DashboardSql(String reportingCurrency, boolean dashboardRollups) {
        this.reportingCurrency = reportingCurrency;
        this.dashboardRollups = dashboardRollups;
    }

    DashboardSql(String reportingCurrency) {
        this(reportingCurrency, true);
    }

    /** The last install day whose day-{@code n} window is over on {@code today}: the day n+1 days before. */
    static LocalDate lastElapsed(LocalDate today, int n) {
        return today.minusDays(n + 1L);
    }

    /**
     * Activity per day and per product: new devices, DAU (per product and day; summed over products), payers that day,
     * distinct payers of the range per product, payments, revenue in the reporting currency.
     */
    Statement productActivity(DashboardQuery q) {
        return productActivity(q, Set.of());
    }

    /**
     * The same, reading the plain numbers of {@code closed} days (V4 {@code closed_product_days}) where the filters
     * allow ({@link #closedDimension}) and the V1 states for the other days. Distinct payers of the range merge the
     * closed days' payer states with the open days' ones.
     */
    Statement productActivity(DashboardQuery q, Set<LocalDate> closed) {
        Map<String, Object> p = base(q);
        Split split = split(q, p, closed, 0);
        List<String> parts = new ArrayList<>();
        if (split.openDays() == null || !split.openDays().isEmpty()) {
            Source days = productSource(q, p, "daily_product_stats", "day");
            String open = split.openDays() == null ? "" : " AND day IN {open_days:Array(Date)}";
            parts.add("""
                    SELECT app_id, day, sum(x_new) AS d_new, uniqMerge(x_active) AS d_dau,
                           uniqMerge(x_payers) AS d_payers, uniqMergeState(x_payers) AS d_payers_state,
                           sum(x_payments) AS d_payments, ifNull(sum(%s), 0) AS d_revenue,
                           groupUniqArrayIf(currency, amount != 0 AND currency != {rc:String} AND rate IS NULL) AS d_unconverted
                    FROM (
                        SELECT s.app_id AS app_id, s.day AS day, s.currency AS currency, s.x_new AS x_new,
                               s.x_active AS x_active, s.x_payers AS x_payers, s.x_payments AS x_payments,
                               s.x_amount AS amount, fx.rate AS rate
                        FROM (
                            SELECT app_id, day, currency, sum(new_devices) AS x_new,
                                   uniqMergeState(active_devices) AS x_active, uniqMergeState(payers) AS x_payers,
                                   sum(payments) AS x_payments, sum(revenue) AS x_amount
                            FROM %s
                            WHERE %s%s
                            GROUP BY app_id, day, currency
                        ) AS s
                        %s
                    )
                    GROUP BY app_id, day
                    """.formatted(converted("amount"), days.table(), days.where(), open,
                    fxJoin("s.currency", "s.day")));
        }
        if (split.closedDays() != null) {
            // one closed row per product-day (one filter value at most), repeated by the ARRAY JOIN per currency
            parts.add("""
                    SELECT app_id, day, any(c_new) AS d_new, any(c_dau) AS d_dau, any(c_payers) AS d_payers,
                           any(c_payers_state) AS d_payers_state, any(c_payments) AS d_payments,
                           ifNull(sum(%s), 0) AS d_revenue,
                           groupUniqArrayIf(currency, amount != 0 AND currency != {rc:String} AND rate IS NULL) AS d_unconverted
                    FROM (
                        SELECT c.app_id AS app_id, c.day AS day, c.new_devices AS c_new, c.dau AS c_dau,
                               c.payers AS c_payers, c.payers_state AS c_payers_state, c.payments AS c_payments,
                               c.currency AS currency, c.amount AS amount, fx.rate AS rate
                        FROM (
                            SELECT app_id, day, new_devices, dau, payers, payers_state, payments,
                                   cur AS currency, amt AS amount
                            FROM closed_product_days FINAL
                            LEFT ARRAY JOIN mapKeys(revenue) AS cur, mapValues(revenue) AS amt
                            WHERE %s AND day >= {from:Date} AND day <= {to:Date} AND day IN {closed_days:Array(Date)}
                              AND app_id IN {products:Array(String)}
                        ) AS c
                        %s
                    )
                    GROUP BY app_id, day
                    """.formatted(converted("amount"), split.dimension(), fxJoin("c.currency", "c.day")));
        }
        String sql = """
                SELECT grouping(app_id) AS per_day, app_id, day,
                       sum(d_new) AS new_devices, sum(d_dau) AS dau, sum(d_payers) AS payers_day,
                       uniqMerge(d_payers_state) AS payers_range, sum(d_payments) AS payments,
                       round(sum(d_revenue), 6) AS revenue, groupUniqArrayArray(d_unconverted) AS unconverted
                FROM (
                %s)
                GROUP BY GROUPING SETS ((day), (app_id))
                SETTINGS join_use_nulls = 1""".formatted(String.join("UNION ALL\n", parts));
        return new Statement(sql, p);
    }

    /**
     * Cohorts, spend and installs per install day and per product: cohort size (new devices), devices active on day 1
     * and day 7, cohort revenue within 0, 1 and 7 days (reporting currency), media spend and media-reported installs;
     * the {@code *_e<n>} columns only count install days whose day-n window is over. Spend is left out (0) under a
     * country filter: media reports are not split by country.
     */
    Statement productCohorts(DashboardQuery q, LocalDate today) {
        return productCohorts(q, today, Set.of());
    }

    /**
     * The same, reading closed days' plain numbers where the filters allow: cohort sizes from
     * {@code closed_product_days}, and each cohort cell (install day, days since) from {@code closed_cohort_days} when
     * its day of activity is closed, from the V1 states when not. A cell is wholly one or the other, so sums add up.
     */
    Statement productCohorts(DashboardQuery q, LocalDate today, Set<LocalDate> closed) {
        Map<String, Object> p = base(q);
        p.put("last0", lastElapsed(today, 0).toString());
        p.put("last1", lastElapsed(today, 1).toString());
        p.put("last7", lastElapsed(today, 7).toString());
        Split split = split(q, p, closed, 7);
        Source sizes = productSource(q, p, "daily_product_stats", "day");
        Source cohorts = productSource(q, p, "daily_cohort_stats", "install_day");
        List<String> parts = new ArrayList<>();
        if (split.openDays() == null || !split.openDays().isEmpty()) {
            parts.add("""
                    SELECT app_id, day, sum(new_devices) AS x_new, toUInt64(0) AS x_a1, toUInt64(0) AS x_a7,
                           toFloat64(0) AS x_r0, toFloat64(0) AS x_r1, toFloat64(0) AS x_r7,
                           toFloat64(0) AS x_spend, toUInt64(0) AS x_installs
                    FROM %s WHERE %s%s GROUP BY app_id, day
                    """.formatted(sizes.table(), sizes.where(),
                    split.openDays() == null ? "" : " AND day IN {open_days:Array(Date)}"));
        }
        if (split.openCohorts() == null || !split.openCohorts().isEmpty()) {
            String open = split.openCohorts() == null ? "" : " AND install_day IN {open_cohorts:Array(Date)}"
                    + " AND install_day + days_since NOT IN {closed_days:Array(Date)}";
            parts.add("""
                    SELECT app_id, install_day AS day, toUInt64(0) AS x_new, uniqMergeIf(active, days_since = 1) AS x_a1,
                           uniqMergeIf(active, days_since = 7) AS x_a7, ifNull(sumIf(%s, days_since = 0), 0) AS x_r0,
                           ifNull(sumIf(%s, days_since <= 1), 0) AS x_r1, ifNull(sum(%s), 0) AS x_r7,
                           toFloat64(0) AS x_spend, toUInt64(0) AS x_installs
                    FROM (
                        SELECT c.app_id AS app_id, c.install_day AS install_day, c.days_since AS days_since,
                               c.currency AS currency, c.active AS active, c.amount AS amount, fx.rate AS rate
                        FROM (
                            SELECT app_id, install_day, days_since, currency, install_day + days_since AS paid_day,
                                   uniqMergeState(active_devices) AS active, sum(revenue) AS amount
                            FROM %s WHERE %s AND days_since <= 7%s
                            GROUP BY app_id, install_day, days_since, currency
                        ) AS c
                        %s
                    )
                    GROUP BY app_id, install_day
                    """.formatted(converted("amount"), converted("amount"), converted("amount"), cohorts.table(),
                    cohorts.where(), open, fxJoin("c.currency", "c.paid_day")));
        }
        if (split.closedDays() != null) {
            String keys = split.dimension() + " AND app_id IN {products:Array(String)}";
            parts.add("""
                    SELECT app_id, day, new_devices AS x_new, toUInt64(0) AS x_a1, toUInt64(0) AS x_a7,
                           toFloat64(0) AS x_r0, toFloat64(0) AS x_r1, toFloat64(0) AS x_r7, toFloat64(0) AS x_spend,
                           toUInt64(0) AS x_installs
                    FROM closed_product_days FINAL
                    WHERE %s AND day >= {from:Date} AND day <= {to:Date} AND day IN {closed_days:Array(Date)}
                    """.formatted(keys));
            // cohort cells by their day of activity (the tables' key): install days from..to have it in from..to+7
            String cells = keys + " AND day >= {from:Date} AND day <= {to:Date} + 7 AND day IN {closed_days:Array(Date)}"
                    + " AND install_day >= {from:Date} AND install_day <= {to:Date}";
            // device counts: only the cells read (days since 1 and 7); amounts: only non-zero ones go through FX
            parts.add("""
                    SELECT app_id, install_day AS day, toUInt64(0) AS x_new, sumIf(active, days_since = 1) AS x_a1,
                           sumIf(active, days_since = 7) AS x_a7, toFloat64(0) AS x_r0, toFloat64(0) AS x_r1,
                           toFloat64(0) AS x_r7, toFloat64(0) AS x_spend, toUInt64(0) AS x_installs
                    FROM closed_cohort_days FINAL
                    WHERE %s AND days_since IN (1, 7)
                    GROUP BY app_id, install_day
                    """.formatted(cells));
            parts.add("""
                    SELECT app_id, install_day AS day, toUInt64(0) AS x_new, toUInt64(0) AS x_a1, toUInt64(0) AS x_a7,
                           ifNull(sumIf(%s, days_since = 0), 0) AS x_r0, ifNull(sumIf(%s, days_since <= 1), 0) AS x_r1,
                           ifNull(sum(%s), 0) AS x_r7, toFloat64(0) AS x_spend, toUInt64(0) AS x_installs
                    FROM (
                        SELECT c.app_id AS app_id, c.install_day AS install_day, c.days_since AS days_since,
                               c.currency AS currency, c.amount AS amount, fx.rate AS rate
                        FROM (
                            SELECT app_id, install_day, days_since, day AS paid_day, cur AS currency, amt AS amount
                            FROM closed_cohort_days FINAL
                            ARRAY JOIN mapKeys(revenue) AS cur, mapValues(revenue) AS amt
                            WHERE %s AND days_since <= 7 AND amt != 0
                        ) AS c
                        %s
                    )
                    GROUP BY app_id, install_day
                    """.formatted(converted("amount"), converted("amount"), converted("amount"), cells,
                    fxJoin("c.currency", "c.paid_day")));
        }
        if (q.countries().isEmpty()) {
            StringBuilder media = new StringBuilder(
                    "app_id IN {products:Array(String)} AND day >= {from:Date} AND day <= {to:Date}");
            if (!q.mediaSources().isEmpty()) {
                media.append(" AND media IN {media_source:Array(String)}");
            }
            if (!q.campaigns().isEmpty()) {
                media.append(" AND (campaign_id IN {campaign:Array(String)} OR campaign_name IN {campaign:Array(String)})");
            }
            parts.add("""
                    SELECT app_id, day, toUInt64(0) AS x_new, toUInt64(0) AS x_a1, toUInt64(0) AS x_a7,
                           toFloat64(0) AS x_r0, toFloat64(0) AS x_r1, toFloat64(0) AS x_r7,
                           sum(toFloat64(spend_reporting)) AS x_spend, sum(installs) AS x_installs
                    FROM media_reports FINAL WHERE %s GROUP BY app_id, day
                    """.formatted(media));
        }
        String sql = """
                SELECT grouping(app_id) AS per_day, app_id, day,
                       sum(x_new) AS new_devices, sum(x_installs) AS installs, round(sum(x_spend), 6) AS spend,
                       sum(x_a1) AS active_d1, sum(x_a7) AS active_d7, round(sum(x_r0), 6) AS rev_d0,
                       round(sum(x_r1), 6) AS rev_d1, round(sum(x_r7), 6) AS rev_d7,
                       sumIf(x_new, day <= {last1:Date}) AS new_devices_e1,
                       sumIf(x_new, day <= {last7:Date}) AS new_devices_e7,
                       sumIf(x_a1, day <= {last1:Date}) AS active_d1_e1,
                       sumIf(x_a7, day <= {last7:Date}) AS active_d7_e7,
                       round(sumIf(x_r0, day <= {last0:Date}), 6) AS rev_d0_e0,
                       round(sumIf(x_r1, day <= {last1:Date}), 6) AS rev_d1_e1,
                       round(sumIf(x_r7, day <= {last7:Date}), 6) AS rev_d7_e7,
                       round(sumIf(x_spend, day <= {last0:Date}), 6) AS spend_e0,
                       round(sumIf(x_spend, day <= {last1:Date}), 6) AS spend_e1,
                       round(sumIf(x_spend, day <= {last7:Date}), 6) AS spend_e7
                FROM (
                %s)
                GROUP BY GROUPING SETS ((day), (app_id))
                SETTINGS join_use_nulls = 1""".formatted(String.join("UNION ALL\n", parts));
        return new Statement(sql, p);
    }

    /**
     * Which days of a product request read closed numbers. {@code openDays}/{@code closedDays}/{@code openCohorts}
     * null: no closed day applies (everything from the states, no day condition). Otherwise the range's days split into
     * open and closed ones, and the install days with at least one cell (days since 0..{@code cohortDays}) not closed.
     */
    private record Split(List<LocalDate> openDays, List<LocalDate> closedDays, List<LocalDate> openCohorts,
                         String dimension) {
    }

    private static final Split ALL_OPEN = new Split(null, null, null, null);

    private static Split split(DashboardQuery q, Map<String, Object> p, Set<LocalDate> closed, int cohortDays) {
        String dimension = closedDimension(q, p);
        if (dimension == null || closed.isEmpty()) {
            return ALL_OPEN;
        }
        List<LocalDate> open = new ArrayList<>();
        List<LocalDate> done = new ArrayList<>();
        List<LocalDate> openCohorts = new ArrayList<>();
        for (LocalDate d = q.from(); !d.isAfter(q.to()); d = d.plusDays(1)) {
            (closed.contains(d) ? done : open).add(d);
            for (int k = 0; k <= cohortDays; k++) {
                if (!closed.contains(d.plusDays(k))) {
                    openCohorts.add(d);
                    break;
                }
            }
        }
        if (done.isEmpty() && cohortDays == 0) {
            return ALL_OPEN;
        }
        List<LocalDate> closedList = closed.stream().filter(d -> !d.isBefore(q.from())
                && !d.isAfter(q.to().plusDays(cohortDays))).sorted().toList();
        if (closedList.isEmpty()) {
            return ALL_OPEN;
        }
        p.put("open_days", dates(open));
        p.put("closed_days", dates(closedList));
        p.put("open_cohorts", dates(openCohorts));
        return new Split(open, closedList, openCohorts, dimension);
    }

    /**
     * The condition on the closed tables' {@code dim}/{@code value} for a request they can answer exactly: no filter,
     * or one filter (media source, campaign or country) with one value. Null otherwise: the devices of two values may
     * overlap, so their distinct counts do not add up, and those requests read the states.
     */
    private static String closedDimension(DashboardQuery q, Map<String, Object> p) {
        List<Dim> filtered = List.of(new Dim("media_source", q.mediaSources()), new Dim("campaign", q.campaigns()),
                new Dim("country", q.countries())).stream().filter(d -> !d.values().isEmpty()).toList();
        if (filtered.isEmpty()) {
            return "dim = '' AND value = ''";
        }
        if (filtered.size() > 1 || filtered.get(0).values().size() > 1) {
            return null;
        }
        Dim d = filtered.get(0);
        p.put(d.name(), array(d.values()));
        return "dim = '" + d.name() + "' AND value IN {" + d.name() + ":Array(String)}";
    }

    private static String dates(List<LocalDate> days) {
        StringJoiner j = new StringJoiner("','", "['", "']");
        days.forEach(d -> j.add(d.toString()));
        return days.isEmpty() ? "[]" : j.toString();
    }

    /** The DSP per day and per campaign, for the campaigns whose product ({@code dsp_campaigns}) is one of them. */
    Statement dsp(DashboardQuery q) {
        Map<String, Object> p = base(q);
        String where = "campaign_id IN (SELECT campaign_id FROM dsp_campaigns FINAL WHERE app_id IN {products:Array(String)})"
                + filter(q.campaigns(), p, "campaign", "campaign_id");
        String range = " AND day >= {from:Date} AND day <= {to:Date}";
        String dim = dashboardRollups ? dimension(p, new Dim("country", q.countries()), new Dim("exchange", q.exchanges())) : null;
        Source source = dim != null ? new Source("dashboard_dsp_days", where + dim + range)
                : new Source("daily_dsp_stats", where + range + filter(q.countries(), p, "country", "country")
                        + filter(q.exchanges(), p, "exchange", "exchange"));
        String sql = """
                SELECT g.per_day AS per_day, g.campaign_id AS campaign_id, g.day AS day, c.app_id AS product,
                       g.bids AS bids, g.wins AS wins, g.impressions AS impressions, g.clicks AS clicks,
                       g.spend AS spend, g.unconverted AS unconverted
                FROM (
                    SELECT grouping(campaign_id) AS per_day, campaign_id, day, sum(x_bids) AS bids,
                           sum(x_wins) AS wins, sum(x_impressions) AS impressions, sum(x_clicks) AS clicks,
                           round(ifNull(sum(%s), 0), 6) AS spend,
                           groupUniqArrayIf(currency, amount != 0 AND currency != {rc:String} AND rate IS NULL) AS unconverted
                    FROM (
                        SELECT s.campaign_id AS campaign_id, s.day AS day, s.currency AS currency, s.x_bids AS x_bids,
                               s.x_wins AS x_wins, s.x_impressions AS x_impressions, s.x_clicks AS x_clicks,
                               s.x_micros / 1e9 AS amount, fx.rate AS rate
                        FROM (
                            SELECT campaign_id, day, currency, sum(bids) AS x_bids, sum(wins) AS x_wins,
                                   sum(impressions) AS x_impressions, sum(clicks) AS x_clicks,
                                   sum(win_price_cpm_micros) AS x_micros
                            FROM %s WHERE %s
                            GROUP BY campaign_id, day, currency
                        ) AS s
                        %s
                    )
                    GROUP BY GROUPING SETS ((day), (campaign_id))
                ) AS g
                LEFT JOIN (SELECT campaign_id, app_id FROM dsp_campaigns FINAL WHERE app_id IN {products:Array(String)}) AS c
                    ON g.campaign_id = c.campaign_id
                SETTINGS join_use_nulls = 1""".formatted(converted("amount"), source.table(), source.where(),
                fxJoin("s.currency", "s.day"));
        return new Statement(sql, p);
    }

    /** Partner callbacks per day × outcome and per partner × outcome: results and latency sums. */
    Statement callbacks(DashboardQuery q) {
        Map<String, Object> p = base(q);
        String where = "app_id IN {products:Array(String)} AND day >= {from:Date} AND day <= {to:Date}"
                + filter(q.partners(), p, "partner", "partner");
        String sql = """
                SELECT grouping(partner) AS per_day, day, partner, outcome, sum(results) AS n,
                       sum(latency_ms_sum) AS latency
                FROM daily_callback_stats WHERE %s
                GROUP BY GROUPING SETS ((day, outcome), (partner, outcome))""".formatted(where);
        return new Statement(sql, p);
    }

    private Map<String, Object> base(DashboardQuery q) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("products", array(q.products()));
        p.put("from", q.from().toString());
        p.put("to", q.to().toString());
        p.put("rc", reportingCurrency);
        return p;
    }

    /** One filter dimension of a dashboard roll-up: its {@code dim} name (also the parameter's) and the values asked. */
    private record Dim(String name, List<String> values) {
    }

    /** Where product rows are read: the V1 roll-up {@code table}, every filter applied; {@code dayColumn}: the range's day. */
    private Source productSource(DashboardQuery q, Map<String, Object> p, String table, String dayColumn) {
        return new Source(table, "app_id IN {products:Array(String)} AND " + dayColumn + " >= {from:Date} AND "
                + dayColumn + " <= {to:Date}" + productFilters(q, p));
    }

    /**
     * The condition on a dashboard roll-up's {@code dim}/{@code value} for the one filtered dimension ({@code dim = ''}
     * with none); null when more than one is filtered (those requests read the V1 roll-ups).
     */
    private static String dimension(Map<String, Object> p, Dim... dims) {
        List<Dim> filtered = Arrays.stream(dims).filter(d -> !d.values().isEmpty()).toList();
        if (filtered.isEmpty()) {
            return " AND dim = ''";
        }
        if (filtered.size() > 1) {
            return null;
        }
        Dim d = filtered.get(0);
        p.put(d.name(), array(d.values()));
        return " AND dim = '" + d.name() + "' AND value IN {" + d.name() + ":Array(String)}";
    }

    private static String productFilters(DashboardQuery q, Map<String, Object> p) {
        return filter(q.mediaSources(), p, "media_source", "media_source")
                + filter(q.campaigns(), p, "campaign", "campaign") + filter(q.countries(), p, "country", "country");
    }

    private static String filter(List<String> values, Map<String, Object> p, String param, String column) {
        if (values.isEmpty()) {
            return "";
        }
        p.put(param, array(values));
        return " AND " + column + " IN {" + param + ":Array(String)}";
    }

    /** {@code amount} (a Decimal or Float column) in the reporting currency; NULL when no rate is known. */
    private static String converted(String amount) {
        return "if(currency = {rc:String}, toFloat64(" + amount + "), toFloat64(" + amount + ") * rate)";
    }

    /** The day's FX rate or the latest earlier one, as column {@code fx.rate} (NULL with join_use_nulls when none). */
    private static String fxJoin(String currency, String day) {
        return "ASOF LEFT JOIN (SELECT currency, day, rate FROM fx_rates FINAL WHERE day <= {to:Date} + 7) AS fx "
                + "ON " + currency + " = fx.currency AND " + day + " >= fx.day";
    }

    /**
     * A ClickHouse array literal of strings. The values were checked to hold no quote, backslash or control character
     * ({@link DashboardRequests}), so no escaping is needed and a ClickHouse server (which reads parameter values in
     * the escaped text format) and chDB (which does not) read it the same way.
     */
    static String array(List<String> values) {
        StringJoiner j = new StringJoiner("','", "['", "']");
        values.forEach(v -> {
            if (v.indexOf('\'') >= 0 || v.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("unsafe value in an array parameter: " + v);
            }
            j.add(v);
        });
        return values.isEmpty() ? "[]" : j.toString();
    }
}
