package io.adplatform.admin.creatives;

import io.adplatform.admin.adaccounts.Media;
import io.adplatform.web.FieldError;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The media's required settings and their allowed values, checked before anything is stored or sent. */
public final class TemplateRules {

    static final Set<String> META_OBJECTIVES = Set.of("OUTCOME_APP_PROMOTION", "OUTCOME_AWARENESS",
            "OUTCOME_ENGAGEMENT", "OUTCOME_LEADS", "OUTCOME_SALES", "OUTCOME_TRAFFIC");
    static final Set<String> META_GOALS = Set.of("APP_INSTALLS", "LINK_CLICKS", "IMPRESSIONS", "REACH",
            "OFFSITE_CONVERSIONS", "VALUE", "LANDING_PAGE_VIEWS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS", "THRUPLAY");
    static final Set<String> META_BILLING = Set.of("IMPRESSIONS", "LINK_CLICKS", "APP_INSTALLS", "THRUPLAY");
    static final Set<String> META_BID = Set.of("LOWEST_COST_WITHOUT_CAP", "LOWEST_COST_WITH_BID_CAP", "COST_CAP",
            "LOWEST_COST_WITH_MIN_ROAS");
    static final Set<String> META_PLACEMENTS = Set.of("facebook", "instagram", "audience_network", "messenger");
    static final Set<String> TIKTOK_OBJECTIVES = Set.of("APP_PROMOTION", "TRAFFIC", "REACH", "VIDEO_VIEWS",
            "WEB_CONVERSIONS", "LEAD_GENERATION", "ENGAGEMENT", "PRODUCT_SALES");
    static final Set<String> TIKTOK_GOALS = Set.of("INSTALL", "IN_APP_EVENT", "CLICK", "CONVERT", "REACH", "SHOW",
            "VALUE", "TRAFFIC_LANDING_PAGE_VIEW");
    static final Set<String> TIKTOK_BILLING = Set.of("CPC", "CPM", "OCPM", "CPV");
    static final Set<String> TIKTOK_BID = Set.of("BID_TYPE_NO_BID", "BID_TYPE_CUSTOM");
    static final Set<String> TIKTOK_PLACEMENTS = Set.of("PLACEMENT_TIKTOK", "PLACEMENT_PANGLE",
            "PLACEMENT_GLOBAL_APP_BUNDLE");
    static final Set<String> TIKTOK_PACING = Set.of("PACING_MODE_SMOOTH", "PACING_MODE_FAST");
    static final Set<String> BUDGET_TYPES = Set.of("DAILY", "LIFETIME");
    static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED");
    /** Both media refuse tiny budgets; Meta's floor is 100 minor units, taken as ours. */
    static final long MIN_BUDGET = 100;

    private TemplateRules() {
    }

    /** The faults of the settings for that media, each naming its field under {@code settings.}. */
    public static List<FieldError> check(Media media, TemplateSettings s, Instant now) {
        List<FieldError> e = new ArrayList<>();
        if (s == null) {
            e.add(new FieldError("settings", "is required"));
            return e;
        }
        if (media == Media.META) {
            oneOf(e, "objective", s.objective(), META_OBJECTIVES);
            oneOf(e, "optimizationGoal", s.optimizationGoal(), META_GOALS);
            oneOf(e, "billingEvent", s.billingEvent(), META_BILLING);
            if (s.bidStrategy() != null) {
                oneOf(e, "bidStrategy", s.bidStrategy(), META_BID);
            }
            if (("LOWEST_COST_WITH_BID_CAP".equals(s.bidStrategy()) || "COST_CAP".equals(s.bidStrategy()))
                    && s.bidAmount() == null) {
                e.add(field("bidAmount", "is required with bidStrategy " + s.bidStrategy()));
            }
            if (s.pageId() == null || !s.pageId().matches("^\\d{1,25}$")) {
                e.add(field("pageId", "is required: the Facebook page id (digits)"));
            }
            if ("OUTCOME_APP_PROMOTION".equals(s.objective())
                    && (s.applicationId() == null || !s.applicationId().matches("^\\d{1,25}$"))) {
                e.add(field("applicationId", "is required for OUTCOME_APP_PROMOTION: the Meta app id (digits)"));
            }
            allIn(e, "placements", s.placements(), META_PLACEMENTS);
        } else {
            oneOf(e, "objectiveType", s.objectiveType(), TIKTOK_OBJECTIVES);
            oneOf(e, "optimizationGoal", s.optimizationGoal(), TIKTOK_GOALS);
            oneOf(e, "billingEvent", s.billingEvent(), TIKTOK_BILLING);
            oneOf(e, "bidType", s.bidType() == null ? "BID_TYPE_NO_BID" : s.bidType(), TIKTOK_BID);
            if ("BID_TYPE_CUSTOM".equals(s.bidType()) && s.bidAmount() == null) {
                e.add(field("bidAmount", "is required with bidType BID_TYPE_CUSTOM"));
            }
            if (s.pacing() != null) {
                oneOf(e, "pacing", s.pacing(), TIKTOK_PACING);
            }
            if ("APP_PROMOTION".equals(s.objectiveType())
                    && (s.applicationId() == null || !s.applicationId().matches("^\\d{1,25}$"))) {
                e.add(field("applicationId", "is required for APP_PROMOTION: the TikTok app id (digits)"));
            }
            allIn(e, "placements", s.placements(), TIKTOK_PLACEMENTS);
        }
        oneOf(e, "budgetType", s.budgetType(), BUDGET_TYPES);
        if (s.budgetAmount() == null || s.budgetAmount() < MIN_BUDGET) {
            e.add(field("budgetAmount", "is required: at least " + MIN_BUDGET + " minor units (cents)"));
        }
        if (s.bidAmount() != null && s.bidAmount() <= 0) {
            e.add(field("bidAmount", "must be positive (minor units)"));
        }
        if ("LIFETIME".equals(s.budgetType()) && s.endTime() == null) {
            e.add(field("endTime", "is required with a LIFETIME budget"));
        }
        if (s.endTime() != null && !s.endTime().isAfter(s.startTime() == null ? now : s.startTime())) {
            e.add(field("endTime", "must be after startTime (or now)"));
        }
        if (s.callToAction() == null || !s.callToAction().matches("^[A-Z_]{2,40}$")) {
            e.add(field("callToAction", "is required: the media's call-to-action type, e.g. INSTALL_MOBILE_APP"));
        }
        if (s.objectStoreUrl() != null && !isWebUrl(s.objectStoreUrl())) {
            e.add(field("objectStoreUrl", "must be an http(s) URL"));
        }
        oneOf(e, "status", s.status(), STATUSES);
        return e;
    }

    static boolean isWebUrl(String s) {
        try {
            URI u = new URI(s);
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null;
        } catch (Exception ex) {
            return false;
        }
    }

    private static void oneOf(List<FieldError> e, String name, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            e.add(field(name, "must be one of " + allowed.stream().sorted().toList()));
        }
    }

    private static void allIn(List<FieldError> e, String name, List<String> values, Set<String> allowed) {
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i))) {
                e.add(field(name + "[" + i + "]", "must be one of " + allowed.stream().sorted().toList()));
            }
        }
    }

    private static FieldError field(String name, String message) {
        return new FieldError("settings." + name, message);
    }
}
