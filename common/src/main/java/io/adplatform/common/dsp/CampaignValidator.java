package io.adplatform.common.dsp;

import io.adplatform.common.dsp.CampaignConfig.Creative;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a campaign before it is published to {@code config.campaigns}, naming every field at fault
 * ({@code [2].creatives[0].w} in an upload, {@code creatives[0].w} for one campaign). One set of rules for every
 * publisher — the bidder's own loader and the admin platform — so nothing reaches the topic that a bidder would refuse.
 */
public final class CampaignValidator {

    /** One field at fault, named by its JSON path. */
    public record Problem(String field, String message) {
    }

    /** Inventory kinds a campaign may target ({@link CampaignConfig.Targeting#inventory()}). */
    public static final String APP = "app";
    public static final String SITE = "site";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final String currency;

    /** @param currency the one currency bidders bid in; campaigns must be priced in it */
    public CampaignValidator(String currency) {
        this.currency = currency;
    }

    public List<Problem> validate(List<CampaignConfig> campaigns) {
        List<Problem> problems = new ArrayList<>();
        if (campaigns == null || campaigns.isEmpty()) {
            problems.add(new Problem("body", "must be a non-empty array of campaigns"));
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < campaigns.size(); i++) {
            CampaignConfig c = campaigns.get(i);
            String at = "[" + i + "]";
            if (c == null) {
                problems.add(new Problem(at, "must be a campaign object"));
                continue;
            }
            validate(c, at, problems);
            if (c.id() != null && !ids.add(c.id())) {
                problems.add(new Problem(at + ".id", "appears twice in this upload"));
            }
        }
        return problems;
    }

    /** One campaign; fields are named from its root ({@code budget.dailyMicros}). */
    public List<Problem> validate(CampaignConfig campaign) {
        List<Problem> problems = new ArrayList<>();
        if (campaign == null) {
            problems.add(new Problem("body", "must be a campaign object"));
            return problems;
        }
        validate(campaign, "", problems);
        return problems.stream().map(p -> p.field().startsWith(".") ? new Problem(p.field().substring(1),
                p.message()) : p).toList();
    }

    private void validate(CampaignConfig c, String at, List<Problem> p) {
        if (c.id() == null || !ID.matcher(c.id()).matches()) {
            p.add(new Problem(at + ".id", "is required: 1-64 of letters, digits, '.', '_', ':', '-'"));
        }
        require(c.status() != null, at + ".status", "is required: ACTIVE or PAUSED", p);
        require(c.pricing() != null, at + ".pricing", "is required: CPM or CPC", p);
        require(c.priceMicros() > 0, at + ".priceMicros", "must be positive (micro-units of the currency)", p);
        require(currency.equals(c.currency()), at + ".currency", "must be " + currency + ", the bidders' currency", p);
        require(c.version() >= 0, at + ".version", "must not be negative", p);
        if (c.budget() == null) {
            p.add(new Problem(at + ".budget", "is required"));
        } else {
            require(c.budget().dailyMicros() >= 0, at + ".budget.dailyMicros", "must not be negative (0 = none)", p);
            require(c.budget().totalMicros() >= 0, at + ".budget.totalMicros", "must not be negative (0 = none)", p);
            require(c.budget().pacing() != null, at + ".budget.pacing", "is required: FAST or SMOOTH", p);
            require(c.budget().pacing() != CampaignConfig.Pacing.SMOOTH || c.budget().dailyMicros() > 0,
                    at + ".budget.dailyMicros", "SMOOTH pacing spreads a daily budget: set one", p);
        }
        require(c.startAt() == null || c.endAt() == null || c.startAt().isBefore(c.endAt()), at + ".endAt",
                "must be after startAt", p);
        require(c.ctrPrior() > 0 && c.ctrPrior() < 1, at + ".ctrPrior", "must be within (0, 1), e.g. 0.01", p);
        if (c.frequencyCaps() != null) {
            for (int i = 0; i < c.frequencyCaps().size(); i++) {
                var cap = c.frequencyCaps().get(i);
                String f = at + ".frequencyCaps[" + i + "]";
                require(cap.scope() != null, f + ".scope", "is required: CAMPAIGN or CREATIVE", p);
                require(cap.max() > 0, f + ".max", "must be positive", p);
                require(cap.windowSeconds() > 0, f + ".windowSeconds", "must be positive", p);
            }
        }
        if (c.targeting() != null) {
            var t = c.targeting();
            noBlanks(t.countries(), at + ".targeting.countries", p);
            noBlanks(t.regions(), at + ".targeting.regions", p);
            noBlanks(t.cities(), at + ".targeting.cities", p);
            noBlanks(t.os(), at + ".targeting.os", p);
            noBlanks(t.bundles(), at + ".targeting.bundles", p);
            noBlanks(t.blockedBundles(), at + ".targeting.blockedBundles", p);
            noBlanks(t.domains(), at + ".targeting.domains", p);
            noBlanks(t.blockedDomains(), at + ".targeting.blockedDomains", p);
            noBlanks(t.categories(), at + ".targeting.categories", p);
            noBlanks(t.blockedCategories(), at + ".targeting.blockedCategories", p);
            noBlanks(t.segments(), at + ".targeting.segments", p);
            noBlanks(t.excludedSegments(), at + ".targeting.excludedSegments", p);
            noBlanks(t.inventory(), at + ".targeting.inventory", p);
            if (t.deviceTypes() != null && t.deviceTypes().stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
                p.add(new Problem(at + ".targeting.deviceTypes", "OpenRTB device types are 1..7"));
            }
            if (t.hoursOfWeek() != null && t.hoursOfWeek().stream().anyMatch(h -> h == null || h < 0 || h > 167)) {
                p.add(new Problem(at + ".targeting.hoursOfWeek", "hours are 0..167 (Monday 00:00 = 0)"));
            }
            if (t.timezone() != null) {
                try {
                    ZoneId.of(t.timezone());
                } catch (DateTimeException e) {
                    p.add(new Problem(at + ".targeting.timezone", "is not an IANA time zone"));
                }
            }
            if (t.inventory() != null && t.inventory().stream().anyMatch(
                    v -> !APP.equalsIgnoreCase(v) && !SITE.equalsIgnoreCase(v))) {
                p.add(new Problem(at + ".targeting.inventory", "values are app and site"));
            }
        }
        if (c.creatives() == null || c.creatives().isEmpty()) {
            p.add(new Problem(at + ".creatives", "at least one creative is required"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < c.creatives().size(); i++) {
            creative(c.creatives().get(i), at + ".creatives[" + i + "]", ids, p);
        }
    }

    private static void creative(Creative cr, String at, Set<String> ids, List<Problem> p) {
        if (cr == null) {
            p.add(new Problem(at, "must be a creative object"));
            return;
        }
        if (cr.id() == null || !ID.matcher(cr.id()).matches()) {
            p.add(new Problem(at + ".id", "is required: 1-64 of letters, digits, '.', '_', ':', '-'"));
        } else if (!ids.add(cr.id())) {
            p.add(new Problem(at + ".id", "appears twice in this campaign"));
        }
        if (cr.format() == null) {
            p.add(new Problem(at + ".format", "is required: BANNER, VIDEO or NATIVE"));
            return;
        }
        require(url(cr.landingUrl()), at + ".landingUrl", "must be an http(s) URL", p);
        require(cr.adomain() != null && !cr.adomain().isEmpty(), at + ".adomain", "at least one domain is required", p);
        switch (cr.format()) {
            case BANNER -> {
                require(cr.w() > 0, at + ".w", "must be positive", p);
                require(cr.h() > 0, at + ".h", "must be positive", p);
                require(notBlank(cr.markup()) || url(cr.imageUrl()), at + ".markup",
                        "a banner needs HTML markup, an image URL in markup, or imageUrl", p);
            }
            case VIDEO -> {
                require(cr.markup() != null && cr.markup().contains("<VAST"), at + ".markup",
                        "a video needs its VAST document", p);
                require(cr.durationSec() > 0, at + ".durationSec", "must be positive", p);
                require(cr.mimes() != null && !cr.mimes().isEmpty(), at + ".mimes", "at least one MIME type", p);
            }
            case NATIVE -> require(notBlank(cr.title()) || url(cr.imageUrl()), at + ".title",
                    "a native ad needs a title or an image", p);
            default -> {
            }
        }
    }

    private static void noBlanks(Set<String> values, String field, List<Problem> p) {
        if (values != null && values.stream().anyMatch(v -> v == null || v.isBlank())) {
            p.add(new Problem(field, "must not contain empty values"));
        }
    }

    private static boolean url(String s) {
        if (s == null) {
            return false;
        }
        try {
            String scheme = URI.create(s).getScheme();
            return "http".equals(scheme) || "https".equals(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String field, String message, List<Problem> p) {
        if (!ok) {
            p.add(new Problem(field, message));
        }
    }
}
