package io.adplatform.offline.reports;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes pulled rows to ClickHouse {@code media_reports} in one insert. The table is a ReplacingMergeTree on
 * {@code pulled_at} keyed by (app, day, media, account, ad): a re-pull of a day replaces each ad's row (read with
 * {@code FINAL}).
 */
public class MediaReportStore {

    static final List<String> COLUMNS = List.of("app_id", "day", "media", "account_id", "campaign_id", "campaign_name",
            "adset_id", "adset_name", "ad_id", "ad_name", "currency", "spend", "spend_reporting", "impressions",
            "clicks", "installs", "conversions", "pulled_at");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** A row with its spend converted. */
    public record Converted(AdDayReport row, BigDecimal spendReporting) {
    }

    private final ClickHouse clickHouse;
    private final ObjectMapper json;

    public MediaReportStore(ClickHouse clickHouse, ObjectMapper json) {
        this.clickHouse = clickHouse;
        this.json = json;
    }

    public void write(ReportAccount a, List<Converted> rows, Instant pulledAt) {
        if (rows.isEmpty()) {
            return;
        }
        String at = MILLIS.format(pulledAt);
        StringBuilder out = new StringBuilder(rows.size() * 300);
        for (Converted c : rows) {
            AdDayReport r = c.row();
            ObjectNode o = json.createObjectNode();
            o.put("app_id", a.productId());
            o.put("day", r.day().toString());
            o.put("media", a.media().key());
            o.put("account_id", a.accountId());
            o.put("campaign_id", r.campaignId());
            o.put("campaign_name", r.campaignName());
            o.put("adset_id", r.adsetId());
            o.put("adset_name", r.adsetName());
            o.put("ad_id", r.adId());
            o.put("ad_name", r.adName());
            o.put("currency", a.currency());
            // Decimal(18, 6) as text: exact, and never in exponent notation.
            o.put("spend", r.spend().setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            o.put("spend_reporting", c.spendReporting().setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            o.put("impressions", r.impressions());
            o.put("clicks", r.clicks());
            o.put("installs", r.installs());
            o.put("conversions", r.conversions());
            o.put("pulled_at", at);
            out.append(json.writeValueAsString(o)).append('\n');
        }
        clickHouse.insert("media_reports", COLUMNS, "JSONEachRow", out.toString().getBytes(StandardCharsets.UTF_8),
                Map.of());
    }
}
