package io.adplatform.fakes;

import io.adplatform.fakes.MetaAdObjects.Answer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph's checks of what a Marketing API create sends, shared by campaigns, ad sets and creatives: the enums, budgets
 * in minor units, bidding, targeting, call to action, times and URLs.
 */
final class MetaParams {

    /** The objectives Graph takes for new campaigns since the outcome-based (ODAX) objectives replaced the old ones. */
    static final Set<String> OBJECTIVES = Set.of("OUTCOME_APP_PROMOTION", "OUTCOME_AWARENESS", "OUTCOME_ENGAGEMENT",
            "OUTCOME_LEADS", "OUTCOME_SALES", "OUTCOME_TRAFFIC");
    static final Set<String> SPECIAL_AD_CATEGORIES = Set.of("NONE", "EMPLOYMENT", "HOUSING", "CREDIT",
            "ISSUES_ELECTIONS_POLITICS", "ONLINE_GAMBLING_AND_GAMING", "FINANCIAL_PRODUCTS_SERVICES");
    static final Set<String> OPTIMIZATION_GOALS = Set.of("NONE", "APP_INSTALLS", "AD_RECALL_LIFT", "ENGAGED_USERS",
            "EVENT_RESPONSES", "IMPRESSIONS", "LEAD_GENERATION", "QUALITY_LEAD", "LINK_CLICKS", "OFFSITE_CONVERSIONS",
            "PAGE_LIKES", "POST_ENGAGEMENT", "QUALITY_CALL", "REACH", "LANDING_PAGE_VIEWS", "VISIT_INSTAGRAM_PROFILE",
            "VALUE", "THRUPLAY", "DERIVED_EVENTS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS", "CONVERSATIONS",
            "IN_APP_VALUE", "MESSAGING_PURCHASE_CONVERSION", "SUBSCRIBERS", "REMINDERS_SET", "PROFILE_VISIT");
    static final Set<String> BILLING_EVENTS = Set.of("APP_INSTALLS", "CLICKS", "IMPRESSIONS", "LINK_CLICKS", "NONE",
            "OFFER_CLAIMS", "PAGE_LIKES", "POST_ENGAGEMENT", "THRUPLAY", "PURCHASE", "LISTING_INTERACTION");
    static final Set<String> BID_STRATEGIES = Set.of("LOWEST_COST_WITHOUT_CAP", "LOWEST_COST_WITH_BID_CAP", "COST_CAP",
            "LOWEST_COST_WITH_MIN_ROAS");
    /** Where an ad set may deliver; at least one must be given. */
    static final Set<String> GEO_KEYS = Set.of("countries", "regions", "cities", "zips", "places", "custom_locations",
            "geo_markets", "electoral_districts", "country_groups", "subcities", "neighborhoods", "metro_areas",
            "large_geo_areas", "medium_geo_areas", "small_geo_areas");
    /** Only these may be set when creating; ARCHIVED and DELETED come later. */
    static final Set<String> CREATE_STATUSES = Set.of("ACTIVE", "PAUSED");
    static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "ARCHIVED", "DELETED");
    /** Smallest budget taken, in minor units: a budget sent in major units ("50" for 50.00) is usually below it. */
    static final long MIN_BUDGET = 100;
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern INTEGER = Pattern.compile("^-?\\d+$");
    static final DateTimeFormatter GRAPH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GRAPH_TIME_IN = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd().toFormatter(Locale.ROOT);

    private MetaParams() {
    }

    static Answer budgets(String account, Map<String, String> p, ObjectNode data, String what) {
        String daily = p.get("daily_budget");
        String lifetime = p.get("lifetime_budget");
        if (daily != null && lifetime != null) {
            return Answer.bad(account, "Only one of daily_budget and lifetime_budget can be set",
                    what + " has both daily_budget and lifetime_budget");
        }
        for (String key : List.of("daily_budget", "lifetime_budget")) {
            String v = p.get(key);
            if (v == null) {
                continue;
            }
            if (!INTEGER.matcher(v).matches()) {
                return Answer.bad(account, "Param " + key + " must be an integer: the amount in the minor unit of "
                        + "the account currency (cents)", key + " not an integer: " + v);
            }
            long amount;
            try {
                amount = Long.parseLong(v);
            } catch (NumberFormatException e) {
                return Answer.bad(account, "Param " + key + " is too large", key + " too large: " + v);
            }
            if (amount < MIN_BUDGET) {
                return Answer.error(account, "(#100) Your budget is too low: " + key + " is in minor units (cents) and "
                        + "must be at least " + MIN_BUDGET, 100, 1885272, key + " below " + MIN_BUDGET + ": " + v);
            }
            data.put(key, v);
        }
        return null;
    }

    static Answer bidStrategy(String account, Map<String, String> p, ObjectNode data) {
        String strategy = p.get("bid_strategy");
        if (strategy != null) {
            if (!BID_STRATEGIES.contains(strategy)) {
                return Answer.bad(account, "Param bid_strategy must be one of " + sorted(BID_STRATEGIES),
                        "bid_strategy " + strategy + " invalid");
            }
            data.put("bid_strategy", strategy);
        }
        String amount = p.get("bid_amount");
        if (amount != null) {
            if (!INTEGER.matcher(amount).matches() || amount.startsWith("-") || "0".equals(amount)) {
                return Answer.bad(account, "Param bid_amount must be a positive integer in minor units",
                        "bid_amount invalid: " + amount);
            }
            data.put("bid_amount", Long.parseLong(amount));
        }
        if (("LOWEST_COST_WITH_BID_CAP".equals(strategy) || "COST_CAP".equals(strategy)) && amount == null) {
            return Answer.bad(account, "Param bid_amount is required with bid_strategy " + strategy,
                    "bid_amount missing for " + strategy);
        }
        return null;
    }

    /** The targeting object, or an {@link Answer} refusing it. */
    static Object targeting(String account, String text) {
        if (text == null || text.isBlank()) {
            return Answer.bad(account, "The parameter targeting is required", "targeting missing");
        }
        JsonNode t = FakeJson.parseOrNull(text);
        if (t == null || !t.isObject()) {
            return Answer.bad(account, "Param targeting must be a JSON object", "targeting is not a JSON object");
        }
        JsonNode geo = t.get("geo_locations");
        if (geo == null || !geo.isObject()) {
            return Answer.error(account, "(#100) Param targeting[geo_locations] is required: a target location must "
                    + "be specified", 100, 1487079, "targeting.geo_locations missing");
        }
        boolean any = false;
        for (String key : GEO_KEYS) {
            JsonNode v = geo.get(key);
            if (v != null && v.isArray() && !v.isEmpty()) {
                any = true;
            }
        }
        if (!any) {
            return Answer.error(account, "(#100) Param targeting[geo_locations] must name at least one location ("
                    + "countries, regions, cities, ...)", 100, 1487079, "targeting.geo_locations names no location");
        }
        JsonNode countries = geo.get("countries");
        if (countries != null) {
            if (!countries.isArray()) {
                return Answer.bad(account, "Param targeting[geo_locations][countries] must be an array",
                        "targeting.geo_locations.countries not an array");
            }
            for (JsonNode c : countries) {
                if (!c.isString() || !COUNTRY.matcher(c.stringValue()).matches()) {
                    return Answer.bad(account, "Param targeting[geo_locations][countries] holds an invalid country "
                            + "code: " + c, "targeting.geo_locations.countries holds " + c);
                }
            }
        }
        JsonNode min = t.get("age_min");
        JsonNode max = t.get("age_max");
        if (min != null && (!min.isIntegralNumber() || min.asInt() < 13 || min.asInt() > 65)
                || max != null && (!max.isIntegralNumber() || max.asInt() < 13 || max.asInt() > 65)
                || min != null && max != null && min.asInt() > max.asInt()) {
            return Answer.bad(account, "Param targeting age_min / age_max must be integers 13..65 with age_min <= "
                    + "age_max", "targeting ages invalid");
        }
        return t;
    }

    static String checkCallToAction(JsonNode cta) {
        if (cta == null || cta.isNull()) {
            return null;
        }
        if (!cta.isObject()) {
            return " must be an object";
        }
        JsonNode type = cta.get("type");
        if (type == null || !type.isString() || type.stringValue().isBlank()) {
            return "[type] is required";
        }
        JsonNode value = cta.get("value");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            return "[value] must be an object";
        }
        JsonNode link = value.get("link");
        if (link != null && !link.isNull() && !(link.isString() && isWebUrl(link.stringValue()))) {
            return "[value][link] must be a valid URL";
        }
        JsonNode appLink = value.get("app_link");
        if (appLink != null && !appLink.isNull() && !(appLink.isString() && DspAd.isDeeplink(appLink.stringValue()))) {
            return "[value][app_link] must be a valid deep link (an absolute URI)";
        }
        return null;
    }

    /** An ISO 8601 time ({@code 2026-11-21T00:00:00+0000}, {@code …Z}, {@code …+01:00}) or UNIX seconds. */
    static Instant graphTime(String text) {
        if (text.matches("^\\d+$")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        var parsed = GRAPH_TIME_IN.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
        return parsed instanceof OffsetDateTime odt ? odt.toInstant()
                : ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    static String graphTime(Instant at) {
        return GRAPH_TIME.format(at);
    }

    static boolean isNonBlank(JsonNode n) {
        return n != null && n.isString() && !n.stringValue().isBlank();
    }

    static String sorted(Set<String> values) {
        return "{" + String.join(", ", values.stream().sorted().toList()) + "}";
    }

    static boolean isWebUrl(String value) {
        if (!DspAd.isDeeplink(value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
