package io.adplatform.dplink.dsp;

/**
 * An ad as its DSP knows it.
 *
 * @param accountId TikTok {@code advertiser_id}, Meta {@code act_<id>}, the generic DSP's account
 * @param dspAdId   the ad's id at the DSP
 * @param pageId    Meta only: the page the new creatives are published as
 * @param landingUrl Meta only: the creative's web link (the store page), beside the deep link
 */
public record DspAd(Dsp dsp, String accountId, String dspAdId, String pageId, String landingUrl) {
}
