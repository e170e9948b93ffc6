package io.adplatform.offline.dashboards;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One dashboard request after validation: the products the caller may see (never empty), an inclusive UTC date range
 * and optional filters (empty list: no filter). Values are free of quotes, backslashes and control characters.
 *
 * @param mediaSources media sources in lower case ({@code meta}, {@code tiktok}, {@code organic}, ...)
 * @param campaigns    campaigns (attribution campaign, media report campaign id or name, DSP campaign id)
 * @param countries    ISO 3166 alpha-2 codes in upper case
 * @param exchanges    DSP exchanges
 * @param partners     callback partners
 */
public record DashboardQuery(List<String> products, LocalDate from, LocalDate to, List<String> mediaSources,
                             List<String> campaigns, List<String> countries, List<String> exchanges,
                             List<String> partners) {

    public DashboardQuery {
        products = List.copyOf(products);
        mediaSources = List.copyOf(mediaSources);
        campaigns = List.copyOf(campaigns);
        countries = List.copyOf(countries);
        exchanges = List.copyOf(exchanges);
        partners = List.copyOf(partners);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("a dashboard query needs at least one product");
        }
    }

    /** Days in the range, both ends included. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
