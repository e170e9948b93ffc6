package io.adplatform.offline.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One currency's stored daily rates (units of the reporting currency per unit) and the rule for a day: the day's own
 * rate, else the latest earlier one at most {@code maxAgeDays} older (no rates on weekends and holidays), else none.
 */
public final class DailyRates {

    /** A rate and the day it was stored for. */
    public record Rate(LocalDate day, BigDecimal rate) {
    }

    private final String currency;
    private final NavigableMap<LocalDate, BigDecimal> byDay;
    private final int maxAgeDays;
    private final boolean identity;

    private DailyRates(String currency, Map<LocalDate, BigDecimal> byDay, int maxAgeDays, boolean identity) {
        this.currency = currency;
        this.byDay = new TreeMap<>(byDay);
        this.maxAgeDays = maxAgeDays;
        this.identity = identity;
    }

    public static DailyRates of(String currency, Map<LocalDate, BigDecimal> byDay, int maxAgeDays) {
        return new DailyRates(currency, byDay, maxAgeDays, false);
    }

    /** The reporting currency itself: 1 on every day. */
    public static DailyRates identity(String currency) {
        return new DailyRates(currency, Map.of(), 0, true);
    }

    public String currency() {
        return currency;
    }

    public Optional<Rate> on(LocalDate day) {
        if (identity) {
            return Optional.of(new Rate(day, BigDecimal.ONE));
        }
        Map.Entry<LocalDate, BigDecimal> e = byDay.floorEntry(day);
        if (e == null || e.getKey().isBefore(day.minusDays(maxAgeDays))) {
            return Optional.empty();
        }
        return Optional.of(new Rate(e.getKey(), e.getValue()));
    }

    /** How far back a rate may come from for {@code day}. */
    public LocalDate oldestUsableFor(LocalDate day) {
        return day.minusDays(maxAgeDays);
    }
}
