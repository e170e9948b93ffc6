package io.adplatform.offline.dashboards;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns query parameters into a {@link DashboardQuery}, or refuses them naming every field at fault. Lists are
 * repeatable ({@code ?campaign=a&campaign=b}) or comma-separated ({@code ?campaign=a,b}); blanks are ignored and
 * duplicates dropped.
 */
final class DashboardRequests {

    static final int MAX_VALUE_LENGTH = 200;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** No quote, backslash, comma or control character: values travel as ClickHouse array literals. */
    private static final Pattern SAFE = Pattern.compile("[^'\\\\,\\p{Cntrl}]+");

    private final DashboardsProperties props;

    DashboardRequests(DashboardsProperties props) {
        this.props = props;
    }

    /** The raw parameters of a request; null where absent. */
    record Params(List<String> products, String from, String to, List<String> mediaSource, List<String> campaign,
                  List<String> country, List<String> exchange, List<String> partner) {
    }

    DashboardQuery parse(Params p) {
        List<FieldError> errors = new ArrayList<>();
        List<String> products = values("products", p.products(), props.maxProducts(), false, errors);
        if (products.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("products"))) {
            errors.add(new FieldError("products", "required: the products the caller may see (comma-separated or repeated)"));
        }
        LocalDate from = date("from", p.from(), errors);
        LocalDate to = date("to", p.to(), errors);
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                errors.add(new FieldError("from", "must not be after 'to' (" + to + ")"));
            } else if (from.plusDays(props.maxDays()).isBefore(to.plusDays(1))) {
                errors.add(new FieldError("to", "the range may span at most " + props.maxDays() + " days"));
            }
        }
        List<String> mediaSources = values("mediaSource", p.mediaSource(), props.maxFilterValues(), false, errors)
                .stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        List<String> campaigns = values("campaign", p.campaign(), props.maxFilterValues(), false, errors);
        List<String> countries = values("country", p.country(), props.maxFilterValues(), true, errors);
        List<String> exchanges = values("exchange", p.exchange(), props.maxFilterValues(), false, errors);
        List<String> partners = values("partner", p.partner(), props.maxFilterValues(), false, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new DashboardQuery(products, from, to, mediaSources, campaigns, countries, exchanges, partners);
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required: a UTC day as YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "not a date (YYYY-MM-DD): '" + value + "'"));
            return null;
        }
    }

    private static List<String> values(String field, List<String> raw, int max, boolean country,
                                       List<FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            if (r == null) {
                continue;
            }
            for (String part : r.split(",", -1)) {
                String v = part.strip();
                if (v.isEmpty()) {
                    continue;
                }
                if (country) {
                    v = v.toUpperCase(Locale.ROOT);
                    if (!COUNTRY.matcher(v).matches()) {
                        errors.add(new FieldError(field, "not an ISO 3166 alpha-2 country code: '" + part.strip() + "'"));
                        return List.of();
                    }
                } else if (v.length() > MAX_VALUE_LENGTH || !SAFE.matcher(v).matches()) {
                    errors.add(new FieldError(field, "values are at most " + MAX_VALUE_LENGTH
                            + " characters without quotes, backslashes or control characters"));
                    return List.of();
                }
                out.add(v);
            }
        }
        if (out.size() > max) {
            errors.add(new FieldError(field, "at most " + max + " values, got " + out.size()));
            return List.of();
        }
        return List.copyOf(out);
    }
}
