package io.adplatform.common.dsp;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One DSP campaign as the bidder runs it: the value of a record in the compacted topic {@code config.campaigns}, keyed by
 * {@link #id()} (a tombstone removes the campaign). The admin platform publishes it; for local runs and tests the
 * bidder's own loader does. Money is in micro-units of {@link #currency()} (1 USD = 1,000,000).
 *
 * @param id          stable campaign id, also the record key
 * @param advertiser  the advertiser's id; {@code adomain} of its creatives is what exchanges see
 * @param status      only {@code ACTIVE} campaigns bid
 * @param version     increases with every change; an older version never replaces a newer one
 * @param pricing     {@code CPM} bids a fixed CPM, {@code CPC} bids pCTR × CPC × 1000
 * @param priceMicros the CPM (per mille) or the CPC (per click), in micros
 * @param currency    ISO 4217; the bidder bids in it, converting floors
 * @param budget      daily and total budgets and the pacing mode
 * @param startAt     first instant the campaign may bid (null: now)
 * @param endAt       instant after which it stops (null: open-ended)
 * @param targeting   who and where; empty sets mean "any"
 * @param frequencyCaps caps per user, counted on impressions
 * @param ctrPrior    the pCTR used until the model knows the campaign (e.g. 0.01)
 * @param creatives   the campaign's ads; at least one
 */
public record CampaignConfig(String id, String advertiser, String name, Status status, long version, Pricing pricing,
                             long priceMicros, String currency, Budget budget, Instant startAt, Instant endAt,
                             Targeting targeting, List<FrequencyCap> frequencyCaps, double ctrPrior,
                             List<Creative> creatives) {

    public enum Status { ACTIVE, PAUSED }

    public enum Pricing { CPM, CPC }

    public enum Pacing {
        /** Spend as traffic comes. */
        FAST,
        /** Spread the daily budget over the day by throttling bids with a per-slot pacing rate. */
        SMOOTH
    }

    /** @param dailyMicros 0 = no daily limit; @param totalMicros 0 = no lifetime limit */
    public record Budget(long dailyMicros, long totalMicros, Pacing pacing) {
    }

    /**
     * Targeting; every set is optional (null or empty = no condition).
     *
     * @param countries      ISO 3166-1 alpha-3 as OpenRTB carries them (USA, DEU...), or alpha-2 from the IP database
     * @param regions        {@code COUNTRY-REGION} codes (USA-CA)
     * @param cities         city names as the geo database gives them
     * @param deviceTypes    OpenRTB device types (1 mobile/tablet, 2 PC, 4 phone, 5 tablet, 3 CTV...)
     * @param os             lower-case OS names (ios, android, windows...)
     * @param bundles        allowed app bundles; {@code blockedBundles} refused ones
     * @param domains        allowed site domains; {@code blockedDomains} refused ones
     * @param categories     IAB content categories the site/app must have one of; {@code blockedCategories} refused
     * @param segments       audience segments the user must be in (any of); {@code excludedSegments} none of
     * @param hoursOfWeek    day-parting: hours 0..167 (Monday 00:00 = 0) in {@code timezone} when the campaign bids
     * @param timezone       IANA zone for day-parting (default UTC)
     * @param inventory      {@code site}, {@code app} or both (empty)
     */
    public record Targeting(Set<String> countries, Set<String> regions, Set<String> cities, Set<Integer> deviceTypes,
                            Set<String> os, Set<String> bundles, Set<String> blockedBundles, Set<String> domains,
                            Set<String> blockedDomains, Set<String> categories, Set<String> blockedCategories,
                            Set<String> segments, Set<String> excludedSegments, Set<Integer> hoursOfWeek,
                            String timezone, Set<String> inventory) {

        public static Targeting any() {
            return new Targeting(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }
    }

    public enum CapScope { CAMPAIGN, CREATIVE }

    /** At most {@code max} impressions per user per {@code windowSeconds} for the campaign or each creative. */
    public record FrequencyCap(CapScope scope, int max, long windowSeconds) {
    }

    public enum Format { BANNER, VIDEO, NATIVE }

    /**
     * One ad.
     *
     * @param format      banner (w×h image or HTML), video (a VAST document) or native (title, image, icon, text)
     * @param markup      banner: HTML or image URL; video: VAST XML; native: unused (built from the assets)
     * @param durationSec video duration
     * @param mimes       video/banner MIME types of the asset
     * @param landingUrl  where a click goes; {@code deeplink} is preferred for app traffic when present
     * @param adomain     advertiser domains shown to the exchange
     * @param categories  IAB categories of the ad ({@code cat}), checked against {@code bcat}
     * @param attributes  creative attributes ({@code attr}), checked against {@code battr}
     */
    public record Creative(String id, Format format, int w, int h, String markup, int durationSec, List<String> mimes,
                           String title, String description, String imageUrl, String iconUrl, String landingUrl,
                           String deeplink, List<String> adomain, List<String> categories, List<Integer> attributes) {
    }
}
