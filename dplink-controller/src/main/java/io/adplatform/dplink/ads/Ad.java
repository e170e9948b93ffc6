package io.adplatform.dplink.ads;

import io.adplatform.dplink.dsp.Dsp;
import io.adplatform.dplink.dsp.DspAd;
import io.adplatform.dplink.pool.PoolSettings;
import java.time.Instant;
import java.util.List;

/**
 * An ad under DP-link control.
 *
 * @param desiredState   what the operator asked for: {@code ACTIVE} or {@code PAUSED}
 * @param status         what the DSP was last told
 * @param wentLiveCount  the serving link's click count when its round started
 * @param generation     bumped by every committed rotation step; a replacement task names the one it was raised in
 * @param lateReserve    clicks kept free under each cap for late reports (learnt unless fixed)
 */
public record Ad(String adId, Dsp dsp, String accountId, String dspAdId, String pageId, String landingUrl,
                 int defaultCap, int roundSize,
                 int waitCapacity, Integer fixedReserve, List<String> allowedSchemes, AdStatus desiredState,
                 AdStatus status, Long servingLinkId, Long wentLiveCount, long generation, int lateReserve, String alert,
                 Instant createdAt, Instant updatedAt) {

    public Ad {
        allowedSchemes = allowedSchemes == null ? List.of() : List.copyOf(allowedSchemes);
    }

    public DspAd dspAd() {
        return new DspAd(dsp, accountId, dspAdId, pageId, landingUrl);
    }

    public PoolSettings poolSettings(double reserveMargin) {
        return new PoolSettings(roundSize, waitCapacity, fixedReserve, reserveMargin);
    }

    /** The reserve in force: the fixed one when set, else the learnt one. */
    public int reserve() {
        return fixedReserve != null ? fixedReserve : lateReserve;
    }
}
