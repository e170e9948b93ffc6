package io.adplatform.bidder.frequency;

import io.adplatform.common.dsp.CampaignConfig.CapScope;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import java.time.Instant;
import java.util.List;

/**
 * Whether a user may see a campaign or creative again under its caps ({@code max} impressions per {@code windowSeconds}).
 * Counts live in fixed buckets aligned to the epoch (bucket = now / window); the count over the sliding window ending
 * now is estimated as the current bucket's count plus the previous bucket's weighted by the share of it still inside
 * the window — the "sliding window counter" approximation. It assumes the previous bucket's impressions were spread
 * evenly: exact at bucket boundaries and when they were, off by a fraction of that bucket otherwise; unlike plain fixed
 * windows, it does not let a user see 2 × max around a boundary. Costs one more lookup per cap.
 * A further impression is allowed while estimate + 1 ≤ max. Pure functions.
 */
public final class FrequencyCaps {

    private FrequencyCaps() {
    }

    /** Whether the campaign's CAMPAIGN-scope caps allow one more impression of it now. */
    public static boolean campaignAllowed(String campaignId, List<FrequencyCap> caps, UserCounters counters,
                                          Instant now) {
        return allowed(CapScope.CAMPAIGN, campaignId, caps, counters, now.getEpochSecond());
    }

    /** Whether the campaign's CREATIVE-scope caps allow one more impression of this creative now. */
    public static boolean creativeAllowed(String creativeId, List<FrequencyCap> caps, UserCounters counters,
                                          Instant now) {
        return allowed(CapScope.CREATIVE, creativeId, caps, counters, now.getEpochSecond());
    }

    /** Both of the above. */
    public static boolean allowed(String campaignId, String creativeId, List<FrequencyCap> caps,
                                  UserCounters counters, Instant now) {
        return campaignAllowed(campaignId, caps, counters, now) && creativeAllowed(creativeId, caps, counters, now);
    }

    /** The estimated impressions of {@code id} in the {@code windowSeconds} ending at {@code nowSeconds}. */
    public static double estimate(CapScope scope, String id, long windowSeconds, UserCounters counters,
                                  long nowSeconds) {
        long bucket = Math.floorDiv(nowSeconds, windowSeconds);
        long current = counters.count(scope, id, windowSeconds, bucket);
        long previous = counters.count(scope, id, windowSeconds, bucket - 1);
        double elapsed = (double) (nowSeconds - bucket * windowSeconds) / windowSeconds;
        return current + previous * (1 - elapsed);
    }

    private static boolean allowed(CapScope scope, String id, List<FrequencyCap> caps, UserCounters counters,
                                   long nowSeconds) {
        if (caps == null) {
            return true;
        }
        for (int i = 0; i < caps.size(); i++) {
            FrequencyCap cap = caps.get(i);
            if (cap.scope() != scope || cap.windowSeconds() <= 0) {
                continue;
            }
            if (cap.max() <= 0) {
                return false;
            }
            if (!counters.isEmpty()
                    && estimate(scope, id, cap.windowSeconds(), counters, nowSeconds) + 1 > cap.max() + 1e-9) {
                return false;
            }
        }
        return true;
    }
}
