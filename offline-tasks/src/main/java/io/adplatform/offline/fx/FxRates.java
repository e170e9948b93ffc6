package io.adplatform.offline.fx;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Daily FX rates in ClickHouse {@code fx_rates}: units of the reporting currency per one unit of a currency, per UTC
 * day; a later write of the same day and currency replaces the rate (ReplacingMergeTree on {@code updated_at}).
 */
public class FxRates {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final ClickHouse clickHouse;
    private final ObjectMapper json;
    private final Clock clock;
    private final String reportingCurrency;
    private final int maxAgeDays;

    public FxRates(ClickHouse clickHouse, ObjectMapper json, Clock clock, String reportingCurrency, int maxAgeDays) {
        this.clickHouse = clickHouse;
        this.json = json;
        this.clock = clock;
        this.reportingCurrency = reportingCurrency;
        this.maxAgeDays = maxAgeDays;
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }

    public int maxAgeDays() {
        return maxAgeDays;
    }

    /** Stores the day's rates (the reporting currency's own rate, 1, is stored too when given). */
    public void put(LocalDate day, Map<String, BigDecimal> rates) {
        StringBuilder rows = new StringBuilder();
        String at = MILLIS.format(clock.instant());
        rates.forEach((currency, rate) -> {
            ObjectNode row = json.createObjectNode();
            row.put("day", day.toString());
            row.put("currency", currency);
            row.put("rate", rate.doubleValue());
            row.put("updated_at", at);
            rows.append(json.writeValueAsString(row)).append('\n');
        });
        clickHouse.insert("fx_rates", List.of("day", "currency", "rate", "updated_at"), "JSONEachRow",
                rows.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The rates stored for exactly this day, by currency. */
    public Map<String, BigDecimal> on(LocalDate day) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (JsonNode r : clickHouse.query("SELECT currency, rate FROM fx_rates FINAL WHERE day = {d:Date} "
                + "ORDER BY currency", Map.of("d", day.toString()))) {
            out.put(r.path("currency").asString(), new BigDecimal(r.path("rate").asString()));
        }
        return out;
    }

    /** What converting {@code currency} on days {@code from}..{@code to} may use. */
    public DailyRates rates(String currency, LocalDate from, LocalDate to) {
        if (currency.equals(reportingCurrency)) {
            return DailyRates.identity(currency);
        }
        Map<LocalDate, BigDecimal> byDay = new LinkedHashMap<>();
        for (JsonNode r : clickHouse.query("SELECT toString(day) AS d, rate FROM fx_rates FINAL "
                        + "WHERE currency = {c:String} AND day >= {from:Date} AND day <= {to:Date}",
                Map.of("c", currency, "from", from.minusDays(maxAgeDays).toString(), "to", to.toString()))) {
            byDay.put(LocalDate.parse(r.path("d").asString()), new BigDecimal(r.path("rate").asString()));
        }
        return DailyRates.of(currency, byDay, maxAgeDays);
    }
}
