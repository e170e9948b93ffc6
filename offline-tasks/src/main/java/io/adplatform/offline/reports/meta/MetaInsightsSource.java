package io.adplatform.offline.reports.meta;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.offline.reports.AdDayReport;
import io.adplatform.offline.reports.Media;
import io.adplatform.offline.reports.MediaReportSource;
import io.adplatform.offline.reports.MediaThrottledException;
import io.adplatform.offline.reports.ReportAccount;
import io.adplatform.offline.reports.ReportHttp;
import io.adplatform.offline.reports.ReportPullException;
import io.adplatform.offline.reports.ReportsProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Meta Insights at ad level, one row per ad per day ({@code time_increment=1}). Small accounts: {@code GET
 * act_{id}/insights} paged by {@code after}. Large accounts ({@code large}, or as many ads as the async threshold at
 * the last pull) — and any account whose sync query Meta refuses as too much data — through an async report run:
 * {@code POST act_{id}/insights} → {@code report_run_id}, poll until {@code Job Completed}, then {@code GET
 * {run}/insights} paged. Throttling error codes (4, 17, 32, 613, 80000–80014) and usage headers at the threshold, or
 * with a wait announced, back the account off.
 */
public final class MetaInsightsSource implements MediaReportSource {

    static final String FIELDS = "campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,spend,impressions,"
            + "clicks,actions";

    private final ReportHttp http;
    private final ReportsProperties.Meta props;
    private final Clock clock;

    public MetaInsightsSource(ReportHttp http, ReportsProperties.Meta props, Clock clock) {
        this.http = http;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public Media media() {
        return Media.META;
    }

    /** Whether the account is pulled with async report runs. */
    public boolean usesAsync(ReportAccount a) {
        int threshold = a.asyncThreshold() == null ? props.asyncAdThreshold() : a.asyncThreshold();
        return a.large() || (a.lastAdCount() != null && a.lastAdCount() >= threshold);
    }

    @Override
    public Fetched fetch(ReportAccount account, LocalDate from, LocalDate to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("level", "ad");
        query.put("fields", FIELDS);
        query.put("time_range", "{\"since\":\"" + from + "\",\"until\":\"" + to + "\"}");
        query.put("time_increment", "1");
        query.put("limit", String.valueOf(props.pageSize()));
        if (usesAsync(account)) {
            return async(account, query);
        }
        try {
            return pages(account, "act_" + account.accountId() + "/insights", Map.copyOf(query));
        } catch (TooMuchData e) {
            return async(account, query);
        }
    }

    private Fetched async(ReportAccount account, Map<String, String> query) {
        String edge = "act_" + account.accountId() + "/insights";
        Map<String, String> form = new LinkedHashMap<>(query);
        form.remove("limit");
        form.put("access_token", account.accessToken());
        JsonNode created = judge(account, edge, http.postForm(base() + edge, form)).body;
        String runId = created.path("report_run_id").asString("");
        if (runId.isEmpty()) {
            throw new ReportPullException("meta " + account.key() + ": async insights answered without report_run_id");
        }
        Instant deadline = clock.instant().plus(props.asyncTimeout());
        while (true) {
            JsonNode run = judge(account, runId, http.get(base() + runId, Map.of("access_token", account.accessToken()),
                    Map.of())).body;
            String status = run.path("async_status").asString("");
            if ("Job Completed".equals(status)) {
                break;
            }
            if ("Job Failed".equals(status) || "Job Skipped".equals(status)) {
                throw new ReportPullException("meta " + account.key() + ": async report run " + runId + " ended "
                        + status);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new ReportPullException("meta " + account.key() + ": async report run " + runId + " not completed "
                        + "within " + props.asyncTimeout() + " (last status " + status + ")");
            }
            sleep(props.asyncPollInterval());
        }
        return pages(account, runId + "/insights", Map.of("limit", String.valueOf(props.pageSize())));
    }

    private Fetched pages(ReportAccount account, String path, Map<String, String> query) {
        List<AdDayReport> rows = new ArrayList<>();
        String after = null;
        Duration backOff = null;
        while (true) {
            Map<String, String> q = new LinkedHashMap<>(query);
            if (after != null) {
                q.put("after", after);
            }
            q.put("access_token", account.accessToken());
            Judged page = judge(account, path, http.get(base() + path, q, Map.of()));
            for (JsonNode r : page.body.path("data")) {
                rows.add(row(r));
            }
            boolean more = page.body.path("paging").has("next");
            after = page.body.path("paging").path("cursors").path("after").asString("");
            if (page.usage.backOff(props.usageThreshold())) {
                if (more) {
                    throw new MediaThrottledException("meta " + account.key() + ": usage at "
                            + Math.round(page.usage.percent()) + "% while paging", page.usage.announcedWait());
                }
                backOff = page.usage.announcedWait() == null ? Duration.ZERO : page.usage.announcedWait();
            }
            if (!more || after.isEmpty()) {
                return new Fetched(rows, backOff);
            }
        }
    }

    private AdDayReport row(JsonNode r) {
        long installs = 0;
        long conversions = 0;
        for (JsonNode action : r.path("actions")) {
            String type = action.path("action_type").asString("");
            long value = number(action.path("value")).longValue();
            if (props.installActionTypes().contains(type)) {
                installs += value;
            }
            if (props.conversionActionTypes().contains(type)) {
                conversions += value;
            }
        }
        return new AdDayReport(LocalDate.parse(r.path("date_start").asString()), r.path("campaign_id").asString(""),
                r.path("campaign_name").asString(""), r.path("adset_id").asString(""), r.path("adset_name").asString(""),
                r.path("ad_id").asString(""), r.path("ad_name").asString(""), number(r.path("spend")),
                number(r.path("impressions")).longValue(), number(r.path("clicks")).longValue(), installs, conversions);
    }

    static BigDecimal number(JsonNode n) {
        String text = n.asString("");
        if (text.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private record Judged(JsonNode body, MetaUsage usage) {
    }

    /** Sync queries Meta finds too large: retried as an async run. */
    private static final class TooMuchData extends RuntimeException {
        TooMuchData(String message) {
            super(message, null, false, false);
        }
    }

    private Judged judge(ReportAccount account, String path, ReportHttp.Answer a) {
        MetaUsage usage = MetaUsage.of(a.header("X-Business-Use-Case-Usage"), a.header("X-Ad-Account-Usage"),
                a.header("X-App-Usage"));
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(a.body());
        } catch (RuntimeException e) {
            body = null;
        }
        if (a.status() / 100 == 2 && body != null && !body.has("error")) {
            return new Judged(body, usage);
        }
        JsonNode error = body == null ? null : body.path("error");
        int code = error == null ? 0 : error.path("code").asInt(0);
        String message = error == null ? ReportHttp.shorten(a.body()) : error.path("message").asString("");
        String what = "meta " + account.key() + " " + path.replaceAll("^\\d+", "{report_run}") + " answered HTTP "
                + a.status() + (code == 0 ? "" : " code " + code) + ": " + message;
        if (isThrottle(code) || a.status() == 429) {
            throw new MediaThrottledException(what, usage.announcedWait());
        }
        if (code == 1 && message.toLowerCase(java.util.Locale.ROOT).contains("reduce the amount of data")
                && path.startsWith("act_")) {
            throw new TooMuchData(what);
        }
        throw new ReportPullException(what);
    }

    static boolean isThrottle(int code) {
        return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014);
    }

    private String base() {
        return props.baseUrl() + '/' + props.apiVersion() + '/';
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportPullException("interrupted while waiting for a report run", e);
        }
    }
}
