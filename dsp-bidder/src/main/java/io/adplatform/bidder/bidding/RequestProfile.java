package io.adplatform.bidder.bidding;

import io.adplatform.bidder.campaign.Attributes;
import io.adplatform.bidder.openrtb.BidRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a bid request is, in the targeting attributes' terms: geo, device, OS, inventory, categories, the user's
 * segments and the hour of week in each day-parting time zone; {@link #forImp} adds the slots one impression offers.
 */
public final class RequestProfile {

    private final Map<String, Set<String>> base;
    private final String country;
    private final String os;
    private final String site;
    private final boolean app;

    private RequestProfile(Map<String, Set<String>> base, String country, String os, String site, boolean app) {
        this.base = base;
        this.country = country;
        this.os = os;
        this.site = site;
        this.app = app;
    }

    /**
     * @param geo      country (alpha-3), region and city: the request's own when it has them, else from the IP database
     * @param segments the user's audience segments (empty when unknown)
     * @param zones    the time zones campaigns day-part in
     */
    public static RequestProfile of(BidRequest request, Geo geo, Collection<String> segments, Set<String> zones,
                                    Instant now) {
        Map<String, Set<String>> a = new HashMap<>(16);
        if (geo.country() != null) {
            put(a, Attributes.COUNTRY, geo.country().toUpperCase(Locale.ROOT));
            if (geo.region() != null) {
                put(a, Attributes.REGION, Attributes.region(geo.country(), geo.region()));
            }
        }
        if (geo.city() != null) {
            put(a, Attributes.CITY, geo.city().toLowerCase(Locale.ROOT));
        }
        BidRequest.Device device = request.device();
        String os = null;
        if (device != null) {
            if (device.devicetype() != null) {
                put(a, Attributes.DEVICE_TYPE, device.devicetype().toString());
            }
            if (device.os() != null && !device.os().isBlank()) {
                os = device.os().strip().toLowerCase(Locale.ROOT);
                put(a, Attributes.OS, os);
            }
        }
        String site;
        Set<String> cats = new HashSet<>();
        boolean app = request.app() != null;
        if (app) {
            site = lower(request.app().bundle());
            if (site != null) {
                put(a, Attributes.BUNDLE, site);
            }
            addAll(cats, request.app().cat(), request.app().sectioncat(), request.app().pagecat());
            put(a, Attributes.INVENTORY, Attributes.APP);
        } else {
            BidRequest.Site s = request.site();
            site = lower(s.domain());
            if (site == null && s.page() != null) {
                site = hostOf(s.page());
            }
            if (site != null) {
                put(a, Attributes.DOMAIN, site);
            }
            addAll(cats, s.cat(), s.sectioncat(), s.pagecat());
            put(a, Attributes.INVENTORY, Attributes.SITE);
        }
        if (!cats.isEmpty()) {
            a.put(Attributes.CATEGORY, cats);
            a.put(Attributes.CATEGORY_EXCLUDED, cats);
        }
        if (!segments.isEmpty()) {
            Set<String> seg = Set.copyOf(segments);
            a.put(Attributes.SEGMENT, seg);
            a.put(Attributes.SEGMENT_EXCLUDED, seg);
        }
        if (!zones.isEmpty()) {
            Set<String> hours = new HashSet<>();
            for (String zone : zones) {
                hours.add(zone + ':' + hourOfWeek(now, ZoneId.of(zone)));
            }
            a.put(Attributes.HOUR_OF_WEEK, hours);
        }
        return new RequestProfile(a, geo.country(), os, site, app);
    }

    /** Hour of week, Monday 00:00 = 0. */
    public static int hourOfWeek(Instant now, ZoneId zone) {
        ZonedDateTime t = now.atZone(zone);
        return (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + t.getHour();
    }

    /** The request's attributes plus what this impression can take. */
    public Map<String, Set<String>> forImp(Set<String> slots) {
        Map<String, Set<String>> a = new HashMap<>(base);
        a.put(Attributes.SLOT, slots);
        return a;
    }

    public String country() {
        return country;
    }

    public String os() {
        return os;
    }

    /** The app bundle or site domain. */
    public String site() {
        return site;
    }

    public boolean app() {
        return app;
    }

    /** Geo of the request: country alpha-3, region code, city; nulls when unknown. */
    public record Geo(String country, String region, String city) {
        public static final Geo UNKNOWN = new Geo(null, null, null);
    }

    private static void put(Map<String, Set<String>> a, String attribute, String value) {
        a.put(attribute, Set.of(value));
    }

    @SafeVarargs
    private static void addAll(Set<String> out, List<String>... lists) {
        for (List<String> l : lists) {
            if (l != null) {
                for (String v : l) {
                    if (v != null) {
                        out.add(v.strip().toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String hostOf(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = start;
        while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return end > start ? url.substring(start, end).toLowerCase(Locale.ROOT) : null;
    }
}
