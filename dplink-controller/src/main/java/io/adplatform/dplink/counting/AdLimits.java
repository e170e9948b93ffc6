package io.adplatform.dplink.counting;

import io.adplatform.dplink.ads.AdStatus;
import io.adplatform.dplink.pool.Limits;
import java.util.Map;

/** An ad's numbers as the counters use them: caps (the default and each link's own), round size, reserve. */
public record AdLimits(String adId, AdStatus status, int defaultCap, int roundSize, int reserve,
                       Map<Long, Integer> linkCaps) {

    public AdLimits {
        linkCaps = Map.copyOf(linkCaps);
    }

    public int cap(long linkId) {
        return linkCaps.getOrDefault(linkId, defaultCap);
    }

    /** Whether the serving link's round (or its cap) has ended at {@code total}, and why. */
    public Limits.Trigger trigger(ServingEntry serving, long total) {
        return Limits.trigger(total, serving.wentLiveCount(), roundSize, cap(serving.linkId()), reserve);
    }
}
