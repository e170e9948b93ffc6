package io.adplatform.dplink.api;

import java.util.List;

/** Request bodies of the pool API. Every field is checked by {@link AdAdministration}, which names the bad ones. */
public final class AdRequests {

    private AdRequests() {
    }

    /**
     * Create or update an ad under control.
     *
     * @param dsp            TIKTOK, META or GENERIC
     * @param accountId      TikTok advertiser id, Meta ad account ({@code act_<id>} or the number), generic account
     * @param dspAdId        the ad's id at the DSP
     * @param pageId         Meta: the page new creatives are published as
     * @param landingUrl     Meta: the creative's web link (the store page)
     * @param defaultCap     clicks a link is worth unless it has its own cap (default 5,000)
     * @param roundSize      clicks per serving round (default 500)
     * @param waitCapacity   bound of the wait queue (default 20)
     * @param lateReserve    clicks kept free under each cap for late reports; omit to let the controller learn it
     * @param allowedSchemes deep-link schemes this ad accepts; omit for any safe scheme
     */
    public record Ad(String dsp, String accountId, String dspAdId, String pageId, String landingUrl, Integer defaultCap,
                     Integer roundSize, Integer waitCapacity, Integer lateReserve, List<String> allowedSchemes) {
    }

    /** Links to add to a pool, in the order they should go live. */
    public record Links(List<Link> links) {
    }

    /** One deep link; {@code cap} omitted takes the ad's default. */
    public record Link(String url, Integer cap) {
    }

    /** A link's own cap; null goes back to the ad's default. */
    public record Cap(Integer cap) {
    }
}
