package io.adplatform.fakes;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Insights part of the Meta Marketing fake (partner-apis.md §4): per ad per day figures of each ad account, read
 * with {@code GET /{v}/act_{id}/insights} (sync) or through an async report run ({@code POST} the same edge →
 * {@code report_run_id}; {@code GET /{v}/{run_id}} until {@code async_status} is {@code Job Completed}; then
 * {@code GET /{v}/{run_id}/insights}). Validates {@code level}, {@code fields}, {@code time_range},
 * {@code time_increment}, {@code limit} and {@code after} like Graph; modelled: {@code level=ad},
 * {@code time_increment=1} and a {@code time_range} (no {@code date_preset}); other valid values are refused with a
 * reason naming them as not modelled. Paging by
 * {@code paging.cursors.after}, with {@code paging.next} present while more rows follow.
 */
final class MetaInsights {

    static final Pattern EDGE = Pattern.compile("^/v\\d+\\.\\d+/([^/]+)/insights/?$");
    static final Set<String> LEVELS = Set.of("ad", "adset", "campaign", "account");
    static final Set<String> FIELDS = Set.of("account_id", "account_currency", "account_name", "campaign_id",
            "campaign_name", "adset_id", "adset_name", "ad_id", "ad_name", "spend", "impressions", "clicks", "actions",
            "date_start", "date_stop", "reach", "frequency", "cpm", "cpc", "ctr", "objective", "inline_link_clicks");
    static final String INSTALL = "mobile_app_install";
    static final String PURCHASE = "app_custom_event.fb_mobile_purchase";
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 5000;

    /** A checked insights query. */
    record Query(List<String> fields, LocalDate since, LocalDate until, int limit, int offset) {
    }

    /** The outcome of checking a query: the query, or Graph's error (message, reason for the record). */
    record Checked(Query query, String error, String reason) {
    }

    static final class Run {
        final String id;
        final String account;
        final Query query;
        final List<AdDayFigures> rows;
        final boolean fails;
        int pollsLeft;
        String status = "Job Not Started";

        Run(String id, String account, Query query, List<AdDayFigures> rows, int pollsLeft, boolean fails) {
            this.id = id;
            this.account = account;
            this.query = query;
            this.rows = rows;
            this.pollsLeft = pollsLeft;
            this.fails = fails;
        }

        synchronized ObjectNode poll() {
            if (pollsLeft > 0) {
                pollsLeft--;
                status = "Job Running";
            } else {
                status = fails ? "Job Failed" : "Job Completed";
            }
            ObjectNode out = FakeJson.MAPPER.createObjectNode();
            out.put("id", id);
            out.put("account_id", account.substring("act_".length()));
            out.put("async_status", status);
            out.put("async_percent_completion", "Job Completed".equals(status) ? 100 : "Job Running".equals(status) ? 50 : 0);
            out.put("date_start", query.since().toString());
            out.put("date_stop", query.until().toString());
            return out;
        }

        synchronized boolean completed() {
            return "Job Completed".equals(status);
        }
    }

    private final Map<String, Map<String, AdDayFigures>> figures = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, int[]> usage = new ConcurrentHashMap<>();
    private final Map<String, String> currencies = new ConcurrentHashMap<>();
    private final AtomicLong runSeq = new AtomicLong(6_000_000_000_000L);
    private final AtomicLong runsCreated = new AtomicLong();
    private final AtomicInteger failingRuns = new AtomicInteger();
    private volatile int runningPolls = 1;

    void put(String account, AdDayFigures f) {
        figures.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).put(f.day() + "|" + f.adId(), f);
    }

    void usage(String account, int percent, int etaMinutes) {
        usage.put(account, new int[] {percent, etaMinutes});
    }

    String currencyOf(String account) {
        return currencies.getOrDefault(account, "USD");
    }

    void currency(String account, String currency) {
        currencies.put(account, currency);
    }

    void runningPolls(int n) {
        runningPolls = n;
    }

    void failNextRuns(int n) {
        failingRuns.set(n);
    }

    long runsCreated() {
        return runsCreated.get();
    }

    boolean isRun(String id) {
        return runs.containsKey(id);
    }

    Run run(String id) {
        return runs.get(id);
    }

    void clear() {
        figures.clear();
        runs.clear();
        usage.clear();
        currencies.clear();
        runsCreated.set(0);
        failingRuns.set(0);
        runningPolls = 1;
    }

    /** Checks the query parameters like Graph; {@code run} true for a run's insights (only paging is read then). */
    static Checked check(Map<String, String> params, boolean run) {
        int limit = DEFAULT_LIMIT;
        String limitText = params.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                return bad("(#100) Param limit must be an integer", "limit not an integer: " + limitText);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return bad("(#100) Param limit must be between 1 and " + MAX_LIMIT, "limit out of range: " + limit);
            }
        }
        int offset = 0;
        String after = params.get("after");
        if (after != null) {
            Integer o = decodeCursor(after);
            if (o == null) {
                return bad("(#100) The after cursor is invalid", "after cursor not issued by the fake: " + after);
            }
            offset = o;
        }
        if (run) {
            return new Checked(new Query(List.of(), null, null, limit, offset), null, null);
        }
        String level = params.get("level");
        if (level != null && !LEVELS.contains(level)) {
            return bad("(#100) param level must be one of {ad, adset, campaign, account}", "level invalid: " + level);
        }
        if (!"ad".equals(level)) {
            return bad("(#100) param level: only level=ad is modelled by the fake", "level " + level + " not modelled");
        }
        String fieldsText = params.get("fields");
        List<String> fields = new ArrayList<>();
        if (fieldsText != null && !fieldsText.isBlank()) {
            String[] parts = fieldsText.split(",");
            for (int i = 0; i < parts.length; i++) {
                String f = parts[i].strip();
                if (!FIELDS.contains(f)) {
                    return bad("(#100) fields[" + i + "] must be one of the following values: "
                            + String.join(", ", FIELDS.stream().sorted().toList()), "field unknown: " + f);
                }
                fields.add(f);
            }
        }
        if (fields.isEmpty()) {
            fields = List.of("impressions", "spend");
        }
        if (params.containsKey("date_preset")) {
            return bad("(#100) date_preset is not modelled by the fake: pass time_range", "date_preset not modelled");
        }
        String range = params.get("time_range");
        if (range == null) {
            return bad("(#100) time_range is required by the fake (Graph would default to last_30d)",
                    "time_range missing");
        }
        JsonNode r = FakeJson.parseOrNull(range);
        if (r == null || !r.isObject() || !r.path("since").isString() || !r.path("until").isString()) {
            return bad("(#100) param time_range must be a JSON object {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}",
                    "time_range malformed: " + range);
        }
        LocalDate since;
        LocalDate until;
        try {
            since = LocalDate.parse(r.path("since").stringValue());
            until = LocalDate.parse(r.path("until").stringValue());
        } catch (DateTimeParseException e) {
            return bad("(#100) param time_range: since and until must be dates YYYY-MM-DD",
                    "time_range dates malformed: " + range);
        }
        if (since.isAfter(until)) {
            return bad("(#100) param time_range: since must be on or before until", "time_range since > until");
        }
        String increment = params.get("time_increment");
        if (increment != null && !"1".equals(increment)) {
            return bad("(#100) time_increment: only 1 is modelled by the fake", "time_increment " + increment
                    + " not modelled");
        }
        if (increment == null) {
            return bad("(#100) the fake models per-day rows only: pass time_increment=1", "time_increment missing");
        }
        return new Checked(new Query(List.copyOf(fields), since, until, limit, offset), null, null);
    }

    private static Checked bad(String message, String reason) {
        return new Checked(null, message, reason);
    }

    /** The rows a query selects, in Graph's order (day, then ad). */
    List<AdDayFigures> select(String account, Query q) {
        return figures.getOrDefault(account, Map.of()).values().stream()
                .filter(f -> !f.day().isBefore(q.since()) && !f.day().isAfter(q.until()) && f.delivered())
                .sorted(Comparator.comparing(AdDayFigures::day).thenComparing(AdDayFigures::adId)).toList();
    }

    Run createRun(String account, Query q) {
        Run run = new Run(String.valueOf(runSeq.incrementAndGet()), account, q, select(account, q), runningPolls,
                failingRuns.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
        runs.put(run.id, run);
        runsCreated.incrementAndGet();
        return run;
    }

    /**
     * One page of rows: {@code data} and {@code paging}. {@code nextUrl}: the request's own URL without {@code after},
     * to which the next cursor is appended.
     */
    ObjectNode page(String account, List<String> fields, List<AdDayFigures> rows, int offset, int limit, String nextUrl) {
        ObjectNode out = FakeJson.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        int end = Math.min(rows.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            data.add(render(account, fields, rows.get(i)));
        }
        if (end > offset) {
            ObjectNode paging = out.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", cursor(offset));
            cursors.put("after", cursor(end));
            if (end < rows.size()) {
                paging.put("next", nextUrl + "&after=" + cursor(end));
            }
        }
        return out;
    }

    private ObjectNode render(String account, List<String> fields, AdDayFigures f) {
        ObjectNode o = FakeJson.MAPPER.createObjectNode();
        for (String field : fields) {
            switch (field) {
                case "account_id" -> o.put(field, account.substring("act_".length()));
                case "account_currency" -> o.put(field, currencies.getOrDefault(account, "USD"));
                case "account_name" -> o.put(field, "Account " + account);
                case "campaign_id" -> o.put(field, f.campaignId());
                case "campaign_name" -> o.put(field, f.campaignName());
                case "adset_id" -> o.put(field, f.adsetId());
                case "adset_name" -> o.put(field, f.adsetName());
                case "ad_id" -> o.put(field, f.adId());
                case "ad_name" -> o.put(field, f.adName());
                case "spend" -> o.put(field, f.spend().toPlainString());
                case "impressions" -> o.put(field, String.valueOf(f.impressions()));
                case "clicks", "inline_link_clicks" -> o.put(field, String.valueOf(f.clicks()));
                case "reach" -> o.put(field, String.valueOf(f.impressions()));
                case "frequency" -> o.put(field, f.impressions() == 0 ? "0" : "1");
                case "cpm" -> o.put(field, ratio(f.spend().multiply(BigDecimal.valueOf(1000)), f.impressions()));
                case "cpc" -> o.put(field, ratio(f.spend(), f.clicks()));
                case "ctr" -> o.put(field, ratio(BigDecimal.valueOf(f.clicks() * 100), f.impressions()));
                case "objective" -> o.put(field, "OUTCOME_APP_PROMOTION");
                case "actions" -> {
                    // Graph leaves out action types with no actions, and the field when there are none.
                    if (f.installs() > 0 || f.conversions() > 0) {
                        ArrayNode actions = o.putArray("actions");
                        if (f.installs() > 0) {
                            actions.addObject().put("action_type", INSTALL).put("value", String.valueOf(f.installs()));
                        }
                        if (f.conversions() > 0) {
                            actions.addObject().put("action_type", PURCHASE).put("value", String.valueOf(f.conversions()));
                        }
                    }
                }
                default -> { }
            }
        }
        o.put("date_start", f.day().toString());
        o.put("date_stop", f.day().toString());
        return o;
    }

    private static String ratio(BigDecimal a, long b) {
        return b == 0 ? "0" : a.divide(BigDecimal.valueOf(b), 6, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Graph's rate-limit headers for an account, with its scripted usage (low by default). */
    FakeResponse withUsage(FakeResponse answer, String account) {
        int[] u = usage.getOrDefault(account, new int[] {1, 0});
        return withUsage(answer, account, u[0], u[1]);
    }

    static FakeResponse withUsage(FakeResponse answer, String account, int percent, int etaMinutes) {
        ObjectNode buc = FakeJson.MAPPER.createObjectNode();
        buc.putArray(account.substring("act_".length())).addObject()
                .put("type", "ads_insights").put("call_count", percent).put("total_cputime", Math.max(1, percent / 2))
                .put("total_time", Math.max(1, percent / 2)).put("estimated_time_to_regain_access", etaMinutes);
        ObjectNode acc = FakeJson.MAPPER.createObjectNode().put("acc_id_util_pct", percent)
                .put("reset_time_duration", etaMinutes * 60).put("ads_api_access_tier", "standard_access");
        return answer.withHeader("X-Business-Use-Case-Usage", buc.toString())
                .withHeader("X-Ad-Account-Usage", acc.toString());
    }

    /** Graph's answer to a throttled ad account (code 80000, ads insights), with a full usage header. */
    static FakeResponse throttled(String account, int etaMinutes) {
        FakeResponse answer = FakeResponse.json(400, MetaFake.error("(#80000) There have been too many calls from this "
                + "ad-account. Wait a bit and try again. For more info, please refer to "
                + "https://developers.facebook.com/docs/graph-api/overview/rate-limiting.", 80000, 2446079, true,
                null, null));
        return withUsage(answer, account, 100, etaMinutes);
    }

    static boolean isAccountEdge(IncomingRequest r, String account) {
        Matcher m = EDGE.matcher(r.path());
        return m.matches() && m.group(1).equals(account);
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static Integer decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith("o:") ? Integer.valueOf(text.substring(2)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The URL of a request without its {@code after} parameter, as Graph builds {@code paging.next}. */
    static String selfUrl(IncomingRequest request, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        Map<String, String> kept = new LinkedHashMap<>(params);
        kept.remove("after");
        kept.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
        String host = request.header("host") == null ? "graph.facebook.com" : request.header("host");
        return "http://" + host + "/meta" + request.path() + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
