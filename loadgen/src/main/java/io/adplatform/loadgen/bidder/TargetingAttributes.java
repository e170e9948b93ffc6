package io.adplatform.loadgen.bidder;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.targeting.Assignment;
import io.adplatform.bidder.targeting.Conjunction;
import io.adplatform.common.dsp.CampaignConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The benchmark's mapping of campaigns and requests onto {@link io.adplatform.bidder.targeting.ConjunctionIndex}
 * attributes ({@code country}, {@code region}, {@code os}, {@code devicetype}, {@code inventory}, {@code bundle},
 * {@code domain}, {@code cat}, {@code segment}, {@code hour}, {@code format}), so the index can be measured with the
 * generated campaigns and request mix before (and independently of) the bidder's own mapping. An attribute appears
 * once per conjunction, so an allow list minus its block list becomes one ∈ assignment and a block list alone one ∉;
 * a campaign allowing both bundles and domains is two conjunctions (app ∨ site).
 */
final class TargetingAttributes {

    private TargetingAttributes() {
    }

    static List<Conjunction> conjunctions(CampaignConfig campaign) {
        CampaignConfig.Targeting t = campaign.targeting();
        List<Assignment> common = new ArrayList<>();
        in(common, "country", t.countries());
        in(common, "region", t.regions());
        in(common, "os", t.os());
        in(common, "devicetype", strings(t.deviceTypes()));
        in(common, "hour", strings(t.hoursOfWeek()));
        allowOrBlock(common, "cat", t.categories(), t.blockedCategories());
        allowOrBlock(common, "segment", t.segments(), t.excludedSegments());
        in(common, "format", campaign.creatives().stream().map(TargetingAttributes::format)
                .collect(Collectors.toCollection(TreeSet::new)));
        boolean allowBundles = t.bundles() != null && !t.bundles().isEmpty();
        boolean allowDomains = t.domains() != null && !t.domains().isEmpty();
        if (allowBundles && allowDomains) {
            List<Assignment> app = new ArrayList<>(common);
            allowOrBlock(app, "bundle", t.bundles(), t.blockedBundles());
            app.add(Assignment.in("inventory", "app"));
            List<Assignment> site = new ArrayList<>(common);
            allowOrBlock(site, "domain", t.domains(), t.blockedDomains());
            site.add(Assignment.in("inventory", "site"));
            return List.of(new Conjunction(app), new Conjunction(site));
        }
        allowOrBlock(common, "bundle", t.bundles(), t.blockedBundles());
        allowOrBlock(common, "domain", t.domains(), t.blockedDomains());
        in(common, "inventory", t.inventory());
        return List.of(new Conjunction(common));
    }

    /**
     * A request's attribute values: all impressions' formats together (recall per request; the bidder then fits
     * creatives per impression), country from {@code device.geo} or else the IP's block.
     *
     * @param segments   the user's audience segments (what the bidder reads from Redis)
     * @param hourOfWeek 0..167, Monday 00:00 = 0
     */
    static Map<String, Set<String>> of(BidRequest r, List<String> segments, int hourOfWeek) {
        Map<String, Set<String>> out = new HashMap<>();
        BidRequest.Device d = r.device();
        if (d != null) {
            Geography.Country country = d.ip() == null ? null : Geography.countryOf(d.ip());
            String alpha3 = d.geo() != null && d.geo().country() != null ? d.geo().country()
                    : country == null ? null : country.alpha3();
            if (alpha3 != null) {
                out.put("country", Set.of(alpha3));
                Geography.Region region = d.ip() == null ? null : Geography.regionOf(d.ip());
                if (region != null) {
                    out.put("region", Set.of(alpha3 + "-" + region.code()));
                }
            }
            if (d.os() != null) {
                out.put("os", Set.of(d.os().toLowerCase(Locale.ROOT)));
            }
            if (d.devicetype() != null) {
                out.put("devicetype", Set.of(d.devicetype().toString()));
            }
        }
        List<String> cat = null;
        if (r.app() != null) {
            out.put("inventory", Set.of("app"));
            if (r.app().bundle() != null) {
                out.put("bundle", Set.of(r.app().bundle()));
            }
            cat = r.app().cat();
        } else if (r.site() != null) {
            out.put("inventory", Set.of("site"));
            if (r.site().domain() != null) {
                out.put("domain", Set.of(r.site().domain()));
            }
            cat = r.site().cat();
        }
        if (cat != null && !cat.isEmpty()) {
            out.put("cat", Set.copyOf(cat));
        }
        if (!segments.isEmpty()) {
            out.put("segment", Set.copyOf(segments));
        }
        out.put("hour", Set.of(Integer.toString(hourOfWeek)));
        Set<String> formats = new HashSet<>();
        for (BidRequest.Imp imp : r.imp()) {
            if (imp.banner() != null) {
                if (imp.banner().w() != null && imp.banner().h() != null) {
                    formats.add("banner:" + imp.banner().w() + "x" + imp.banner().h());
                }
                if (imp.banner().format() != null) {
                    for (BidRequest.Format f : imp.banner().format()) {
                        if (f.w() != null && f.h() != null) {
                            formats.add("banner:" + f.w() + "x" + f.h());
                        }
                    }
                }
            }
            if (imp.video() != null) {
                formats.add("video");
            }
            if (imp.nativeAd() != null) {
                formats.add("native");
            }
        }
        out.put("format", formats);
        return out;
    }

    private static String format(CampaignConfig.Creative c) {
        return switch (c.format()) {
            case BANNER -> "banner:" + c.w() + "x" + c.h();
            case VIDEO -> "video";
            case NATIVE -> "native";
        };
    }

    private static void in(List<Assignment> out, String attribute, Set<String> values) {
        if (values != null && !values.isEmpty()) {
            out.add(new Assignment(attribute, true, values));
        }
    }

    private static void allowOrBlock(List<Assignment> out, String attribute, Set<String> allow, Set<String> block) {
        if (allow != null && !allow.isEmpty()) {
            Set<String> values = new TreeSet<>(allow);
            if (block != null) {
                values.removeAll(block);
            }
            if (!values.isEmpty()) {
                out.add(new Assignment(attribute, true, values));
                return;
            }
        }
        if (block != null && !block.isEmpty()) {
            out.add(new Assignment(attribute, false, block));
        }
    }

    private static Set<String> strings(Set<Integer> values) {
        return values == null ? null : values.stream().map(String::valueOf).collect(Collectors.toSet());
    }
}
