package io.adplatform.fakes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reporting part of the TikTok Marketing fake (partner-apis.md §4): {@code GET report/integrated/get/} with
 * {@code report_type=BASIC}, {@code data_level=AUC_AD}, {@code dimensions=["ad_id","stat_time_day"]}, {@code metrics},
 * {@code start_date}, {@code end_date} (at most 30 days apart with {@code stat_time_day}), {@code page},
 * {@code page_size} ≤ 1000. Other valid report types and levels are refused as not modelled.
 */
final class TikTokReports {

    static final Set<String> REPORT_TYPES = Set.of("BASIC", "AUDIENCE", "PLAYABLE_MATERIAL", "CATALOG", "BC", "TT_SHOP");
    static final Set<String> DATA_LEVELS = Set.of("AUC_ADVERTISER", "AUC_CAMPAIGN", "AUC_ADGROUP", "AUC_AD");
    static final Set<String> METRICS = Set.of("spend", "impressions", "clicks", "ctr", "cpc", "cpm", "app_install",
            "conversion", "cost_per_conversion", "campaign_id", "campaign_name", "adgroup_id", "adgroup_name",
            "ad_name", "currency");
    static final int MAX_DAYS = 30;

    /** The error of a refused query: TikTok's code and message, and the reason for the record. */
    record Refusal(int code, String message, String reason) {
    }

    private final Map<String, Map<String, AdDayFigures>> figures = new ConcurrentHashMap<>();
    private final Map<String, String> currencies = new ConcurrentHashMap<>();

    void put(String advertiserId, AdDayFigures f) {
        figures.computeIfAbsent(advertiserId, a -> new ConcurrentHashMap<>()).put(f.day() + "|" + f.adId(), f);
    }

    String currencyOf(String advertiserId) {
        return currencies.getOrDefault(advertiserId, "USD");
    }

    void currency(String advertiserId, String currency) {
        currencies.put(advertiserId, currency);
    }

    void clear() {
        figures.clear();
        currencies.clear();
    }

    /** Checks the query (advertiser already checked) and answers {@code data}, or a refusal. */
    Object answer(String advertiserId, Map<String, String> q) {
        String reportType = q.get("report_type");
        if (reportType == null || reportType.isBlank()) {
            return refusal("report_type: Missing data for required field.", "report_type missing");
        }
        if (!REPORT_TYPES.contains(reportType)) {
            return refusal("report_type: Invalid enum value " + reportType + ".", "report_type invalid: " + reportType);
        }
        if (!"BASIC".equals(reportType)) {
            return refusal("report_type: only BASIC is modelled by the fake.", "report_type " + reportType
                    + " not modelled");
        }
        String level = q.get("data_level");
        if (level == null || level.isBlank()) {
            return refusal("data_level: Missing data for required field.", "data_level missing");
        }
        if (!DATA_LEVELS.contains(level)) {
            return refusal("data_level: Invalid enum value " + level + ".", "data_level invalid: " + level);
        }
        if (!"AUC_AD".equals(level)) {
            return refusal("data_level: only AUC_AD is modelled by the fake.", "data_level " + level + " not modelled");
        }
        List<String> dimensions = stringList(q.get("dimensions"));
        if (dimensions == null || dimensions.isEmpty()) {
            return refusal("dimensions: Missing data for required field (a JSON list).", "dimensions missing or not a list");
        }
        if (!Set.copyOf(dimensions).equals(Set.of("ad_id", "stat_time_day")) || dimensions.size() != 2) {
            return refusal("dimensions: Invalid dimensions " + dimensions + " for data_level AUC_AD; the fake models "
                    + "[\"ad_id\",\"stat_time_day\"].", "dimensions not modelled: " + dimensions);
        }
        List<String> metrics = q.containsKey("metrics") ? stringList(q.get("metrics")) : List.of("spend", "impressions");
        if (metrics == null) {
            return refusal("metrics: Not a valid list.", "metrics not a JSON list of strings");
        }
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                return refusal("metrics: Invalid metric " + m + ".", "metric unknown: " + m);
            }
        }
        LocalDate start;
        LocalDate end;
        if (q.get("start_date") == null || q.get("end_date") == null) {
            return refusal("start_date, end_date: Missing data for required field.", "start_date or end_date missing");
        }
        try {
            start = LocalDate.parse(q.get("start_date"));
            end = LocalDate.parse(q.get("end_date"));
        } catch (DateTimeParseException e) {
            return refusal("start_date, end_date: Not a valid date (YYYY-MM-DD).", "start_date or end_date malformed");
        }
        if (start.isAfter(end)) {
            return refusal("start_date: must be on or before end_date.", "start_date after end_date");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            return refusal("The time span between start_date and end_date cannot exceed " + MAX_DAYS
                    + " days when stat_time_day is a dimension.", "date span over " + MAX_DAYS + " days");
        }
        int page;
        int pageSize;
        try {
            page = Integer.parseInt(q.getOrDefault("page", "1"));
            pageSize = Integer.parseInt(q.getOrDefault("page_size", "10"));
        } catch (NumberFormatException e) {
            return refusal("page, page_size: Not a valid integer.", "page or page_size not a number");
        }
        if (page < 1) {
            return refusal("page: Must be greater than or equal to 1.", "page " + page + " out of range");
        }
        if (pageSize < 1 || pageSize > TikTokMarketingFake.MAX_PAGE_SIZE) {
            return refusal("page_size: Must be between 1 and " + TikTokMarketingFake.MAX_PAGE_SIZE + ".",
                    "page_size " + pageSize + " out of range");
        }
        List<AdDayFigures> rows = figures.getOrDefault(advertiserId, Map.of()).values().stream()
                .filter(f -> !f.day().isBefore(start) && !f.day().isAfter(end) && f.delivered())
                .sorted(Comparator.comparing(AdDayFigures::day).thenComparing(AdDayFigures::adId)).toList();
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("list");
        rows.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(f -> {
            ObjectNode row = list.addObject();
            row.putObject("dimensions").put("ad_id", f.adId()).put("stat_time_day", f.day() + " 00:00:00");
            ObjectNode m = row.putObject("metrics");
            for (String metric : metrics) {
                m.put(metric, metric(advertiserId, metric, f));
            }
        });
        ObjectNode info = data.putObject("page_info");
        info.put("page", page);
        info.put("page_size", pageSize);
        info.put("total_number", rows.size());
        info.put("total_page", (rows.size() + pageSize - 1) / pageSize);
        return data;
    }

    private String metric(String advertiserId, String metric, AdDayFigures f) {
        return switch (metric) {
            case "spend" -> f.spend().toPlainString();
            case "impressions" -> String.valueOf(f.impressions());
            case "clicks" -> String.valueOf(f.clicks());
            case "app_install" -> String.valueOf(f.installs());
            case "conversion" -> String.valueOf(f.conversions());
            case "ctr" -> f.impressions() == 0 ? "0.00" : String.format(java.util.Locale.ROOT, "%.2f",
                    100.0 * f.clicks() / f.impressions());
            case "cpc" -> f.clicks() == 0 ? "0.00" : String.format(java.util.Locale.ROOT, "%.2f",
                    f.spend().doubleValue() / f.clicks());
            case "cpm" -> f.impressions() == 0 ? "0.00" : String.format(java.util.Locale.ROOT, "%.2f",
                    1000 * f.spend().doubleValue() / f.impressions());
            case "cost_per_conversion" -> f.conversions() == 0 ? "0.00" : String.format(java.util.Locale.ROOT, "%.2f",
                    f.spend().doubleValue() / f.conversions());
            case "campaign_id" -> f.campaignId();
            case "campaign_name" -> f.campaignName();
            case "adgroup_id" -> f.adsetId();
            case "adgroup_name" -> f.adsetName();
            case "ad_name" -> f.adName();
            case "currency" -> currencies.getOrDefault(advertiserId, "USD");
            default -> "";
        };
    }

    private static Refusal refusal(String message, String reason) {
        return new Refusal(TikTokFake.CODE_INVALID_PARAM, message, reason);
    }

    /** A JSON list of strings, or null when the text is not one. */
    private static List<String> stringList(String text) {
        JsonNode n = FakeJson.parseOrNull(text);
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isString()) {
                return null;
            }
            out.add(e.stringValue());
        }
        return out;
    }
}
