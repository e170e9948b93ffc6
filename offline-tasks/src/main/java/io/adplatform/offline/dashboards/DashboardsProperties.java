package io.adplatform.offline.dashboards;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.dashboards.*}: the read side for the admin platform.
 *
 * @param reportingCurrency ISO 4217 code every amount is reported in; {@code fx_rates} holds units of it per unit of
 *                          each other currency
 * @param maxProducts       most products one request may name
 * @param maxDays           longest date range of one request, both ends included
 * @param maxFilterValues   most values of one filter (media sources, campaigns, countries, exchanges, partners)
 * @param dashboardRollups  read the V3 dashboard roll-ups for requests with at most one filter dimension (false: always
 *                          the V1 roll-ups: same figures, slower; a switch for an incomplete V3 backfill)
 * @param closedDays        /products reads the plain numbers of closed days (V4) where the filters allow (false:
 *                          always the states: same figures, slower)
 * @param closeCron         when the {@code close-product-days} job runs (Spring cron, UTC; {@code -}: only by hand)
 * @param closeLateDays     the last days before today that every run of it closes again, for late events
 * @param closeBatchDays    days one of its statements closes (bounds a statement's memory)
 * @param closeMaxDaysPerRun most days one run closes for the first time (a long backfill goes on in the next runs)
 */
@Validated
@ConfigurationProperties("adplatform.dashboards")
public record DashboardsProperties(@Pattern(regexp = "[A-Z]{3}") String reportingCurrency, @Min(1) Integer maxProducts,
                                   @Min(1) Integer maxDays, @Min(1) Integer maxFilterValues,
                                   Boolean dashboardRollups, Boolean closedDays, String closeCron,
                                   @Min(0) Integer closeLateDays, @Min(1) Integer closeBatchDays,
                                   @Min(1) Integer closeMaxDaysPerRun) {

    public DashboardsProperties {
        reportingCurrency = reportingCurrency == null ? "USD" : reportingCurrency;
        maxProducts = maxProducts == null ? 1000 : maxProducts;
        maxDays = maxDays == null ? 400 : maxDays;
        maxFilterValues = maxFilterValues == null ? 100 : maxFilterValues;
        dashboardRollups = dashboardRollups == null || dashboardRollups;
        closedDays = closedDays == null || closedDays;
        // hourly: a day is read from states only until the first run after it ends
        closeCron = closeCron == null ? "0 20 * * * *" : closeCron;
        closeLateDays = closeLateDays == null ? 3 : closeLateDays;
        closeBatchDays = closeBatchDays == null ? 1 : closeBatchDays;
        closeMaxDaysPerRun = closeMaxDaysPerRun == null ? 800 : closeMaxDaysPerRun;
    }
}
