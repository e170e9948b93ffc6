package io.adplatform.offline.reports.tiktok;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * TikTok {@code GET /open_api/v1.3/report/integrated/get/}: {@code report_type=BASIC}, {@code data_level=AUC_AD},
 * dimensions ad and day, per page of up to {@code page_size}; ranges longer than TikTok allows are split. Installs are
 * the metric {@code app_install}, conversions the metric {@code conversion} (both configurable). Code 40100 (or HTTP
 * 429) means rate limited: the account is backed off.
 */
public final class TikTokReportSource implements MediaReportSource {

    static final String PATH = "/open_api/v1.3/report/integrated/get/";
    static final int RATE_LIMITED = 40100;

    private final ReportHttp http;
    private final ReportsProperties.TikTok props;

    public TikTokReportSource(ReportHttp http, ReportsProperties.TikTok props) {
        this.http = http;
        this.props = props;
    }

    @Override
    public Media media() {
        return Media.TIKTOK;
    }

    @Override
    public Fetched fetch(ReportAccount account, LocalDate from, LocalDate to) {
        List<AdDayReport> rows = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(props.maxDaysPerCall())) {
            LocalDate end = start.plusDays(props.maxDaysPerCall() - 1L);
            end = end.isAfter(to) ? to : end;
            int totalPages = 1;
            for (int page = 1; page <= totalPages; page++) {
                JsonNode data = call(account, start, end, page);
                for (JsonNode r : data.path("list")) {
                    rows.add(row(r));
                }
                totalPages = data.path("page_info").path("total_page").asInt(1);
            }
        }
        return new Fetched(rows, null);
    }

    private String metrics() {
        return "[\"spend\",\"impressions\",\"clicks\",\"" + props.installMetric() + "\",\"" + props.conversionMetric()
                + "\",\"campaign_id\",\"campaign_name\",\"adgroup_id\",\"adgroup_name\",\"ad_name\"]";
    }

    private JsonNode call(ReportAccount account, LocalDate start, LocalDate end, int page) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("advertiser_id", account.accountId());
        q.put("report_type", "BASIC");
        q.put("data_level", "AUC_AD");
        q.put("dimensions", "[\"ad_id\",\"stat_time_day\"]");
        q.put("metrics", metrics());
        q.put("start_date", start.toString());
        q.put("end_date", end.toString());
        q.put("page", String.valueOf(page));
        q.put("page_size", String.valueOf(props.pageSize()));
        ReportHttp.Answer a = http.get(props.baseUrl() + PATH, q, Map.of("Access-Token", account.accessToken()));
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(a.body());
        } catch (RuntimeException e) {
            body = null;
        }
        int code = body == null ? -1 : body.path("code").asInt(-1);
        String what = "tiktok " + account.key() + " report/integrated/get " + start + ".." + end + " page " + page
                + " answered HTTP " + a.status() + (body == null ? ": " + ReportHttp.shorten(a.body())
                : " code " + code + ": " + body.path("message").asString(""));
        if (code == RATE_LIMITED || a.status() == 429) {
            throw new MediaThrottledException(what, null);
        }
        if (a.status() / 100 != 2 || code != 0) {
            throw new ReportPullException(what);
        }
        return body.path("data");
    }

    private AdDayReport row(JsonNode r) {
        JsonNode d = r.path("dimensions");
        JsonNode m = r.path("metrics");
        String day = d.path("stat_time_day").asString("");
        return new AdDayReport(LocalDate.parse(day.length() >= 10 ? day.substring(0, 10) : day),
                m.path("campaign_id").asString(""), m.path("campaign_name").asString(""),
                m.path("adgroup_id").asString(""), m.path("adgroup_name").asString(""), d.path("ad_id").asString(""),
                m.path("ad_name").asString(""), number(m.path("spend")), number(m.path("impressions")).longValue(),
                number(m.path("clicks")).longValue(), number(m.path(props.installMetric())).longValue(),
                number(m.path(props.conversionMetric())).longValue());
    }

    /** TikTok sends metrics as strings, {@code "-"} where there is no value. */
    static BigDecimal number(JsonNode n) {
        String text = n.isNumber() ? n.asString() : n.asString("");
        try {
            return text.isBlank() || "-".equals(text) ? BigDecimal.ZERO : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
