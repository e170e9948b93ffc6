package io.adplatform.dplink.api;

import io.adplatform.dplink.ads.SwapRow;
import io.adplatform.dplink.pool.LinkState;
import java.time.Instant;
import java.util.List;

/** What the pool API answers. */
public final class AdViews {

    private AdViews() {
    }

    /** An ad with its rotation's live state. */
    public record AdState(String adId, String dsp, String accountId, String dspAdId, Settings settings,
                          String desiredState, String status, String alert, long generation, Serving serving,
                          Totals totals, List<Long> waitQueue, List<LinkView> links, long swaps, Instant updatedAt) {
    }

    /** @param lateReserve the reserve in force; {@code reserveLearnt} false when it is fixed by configuration */
    public record Settings(int defaultCap, int roundSize, int waitCapacity, int lateReserve, boolean reserveLearnt,
                           List<String> allowedSchemes, String pageId, String landingUrl) {
    }

    /** The serving link and where its round ends. */
    public record Serving(long linkId, String url, long clicks, long wentLiveCount, long roundEnd, int cap) {
    }

    /** @param retired links operators took out of rotation (not among {@code done}) */
    public record Totals(int links, int notStarted, int waiting, int done, int retired, long clicks, long clicksOverCaps,
                         long clicksLeftOnDoneLinks) {
    }

    /**
     * @param rounds          how many times it went live
     * @param lateSinceSwapOut for a waiting link, the clicks reported since it stopped serving
     * @param retiredAt       when an operator retired it (its state turns RETIRED once the worker took it out)
     */
    public record LinkView(long linkId, String url, int cap, boolean ownCap, LinkState state, long clicks, int rounds,
                           Instant stateSince, Long lateSinceSwapOut, Instant retiredAt) {
    }

    /** A link an operator retired, as it stands: {@code state} RETIRED once out of rotation. */
    public record Retired(String adId, long linkId, String url, LinkState state, Instant retiredAt, String detail) {
    }

    public record AdSummary(String adId, String dsp, String status, String alert, Long servingLinkId, long generation) {
    }

    public record Added(String adId, int added, List<Long> linkIds) {
    }

    public record Accepted(String adId, String desiredState, String status, String detail) {
    }

    public record Swaps(String adId, List<SwapRow> swaps) {
    }
}
