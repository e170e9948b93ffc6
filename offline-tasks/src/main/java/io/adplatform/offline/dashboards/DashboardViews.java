package io.adplatform.offline.dashboards;

import java.time.LocalDate;
import java.util.List;

/** What the dashboards answer. Amounts are in the reporting currency; a ratio is null when it cannot be computed. */
public final class DashboardViews {

    private DashboardViews() {
    }

    /** The filters applied, as understood (empty: none). */
    public record Filters(List<String> mediaSource, List<String> campaign, List<String> country, List<String> exchange,
                          List<String> partner) {
    }

    /**
     * Product metrics of one day, one product or the whole request.
     *
     * @param installs              installs as the media report them (Meta, TikTok); null under a country filter
     * @param newDevices            devices first seen by our activation pool (every media source, organic included)
     * @param dau                   a day: devices active that day; a product or the totals: average DAU over the range
     * @param payers                a day: devices that paid that day; a product or the totals: devices that paid in the range
     * @param payments              payment events
     * @param revenue               payments' revenue, converted at each day's FX rate
     * @param spend                 media spend (media reports); null under a country filter
     * @param cpi                   spend ÷ installs
     * @param roasD0                revenue of install cohorts within 0 (1, 7) days of install ÷ spend of the install days,
     *                              over install days whose window is over
     * @param retentionD1           cohort devices active on day 1 (7) ÷ the cohorts' new devices, same window rule
     * @param unconvertedCurrencies currencies with revenue but no FX rate on or before the day (left out of revenue)
     */
    public record ProductMetrics(Long installs, long newDevices, double dau, long payers, long payments, double revenue,
                                 Double spend, Double cpi, Double roasD0, Double roasD1, Double roasD7,
                                 Double retentionD1, Double retentionD7, List<String> unconvertedCurrencies) {
    }

    public record ProductDay(LocalDate day, ProductMetrics metrics) {
    }

    public record ProductBreakdown(String product, ProductMetrics metrics) {
    }

    public record ProductsDashboard(List<String> products, LocalDate from, LocalDate to, Filters filters,
                                    String reportingCurrency, List<String> notes, ProductMetrics totals,
                                    List<ProductDay> days, List<ProductBreakdown> byProduct) {
    }

    /**
     * The DSP's metrics.
     *
     * @param winRate wins ÷ bids
     * @param ctr     clicks ÷ impressions
     * @param spend   sum of clearing prices (CPM) ÷ 1000: what the wins cost, in the reporting currency
     * @param ecpm    spend ÷ impressions × 1000
     */
    public record DspMetrics(long bids, long wins, Double winRate, long impressions, long clicks, Double ctr,
                             double spend, Double ecpm, List<String> unconvertedCurrencies) {
    }

    public record DspDay(LocalDate day, DspMetrics metrics) {
    }

    public record DspCampaign(String campaignId, String product, DspMetrics metrics) {
    }

    public record DspDashboard(List<String> products, LocalDate from, LocalDate to, Filters filters,
                               String reportingCurrency, DspMetrics totals, List<DspDay> days,
                               List<DspCampaign> byCampaign) {
    }

    /** Delivery results of one outcome; {@code share} of the enclosing group's results. */
    public record OutcomeCount(String outcome, long results, double share, Double meanLatencyMs) {
    }

    public record PartnerResults(String partner, long results, Double meanLatencyMs, List<OutcomeCount> outcomes) {
    }

    public record CallbackDay(LocalDate day, long results, List<OutcomeCount> outcomes) {
    }

    public record CallbackTotals(long results, Double meanLatencyMs, List<OutcomeCount> outcomes) {
    }

    public record CallbacksDashboard(List<String> products, LocalDate from, LocalDate to, Filters filters,
                                     CallbackTotals totals, List<PartnerResults> byPartner, List<CallbackDay> days) {
    }
}
