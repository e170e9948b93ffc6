package io.adplatform.fakes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a media reports for one ad on one day, as the report fakes are seeded with it (Meta Insights, TikTok
 * {@code report/integrated/get/}). Seeding the same ad and day again replaces the figures: media revise a day's
 * figures for hours, and a re-pull must see the new ones.
 *
 * @param spend       in the account's currency
 * @param installs    Meta: {@code actions[mobile_app_install]}; TikTok: metric {@code app_install}
 * @param conversions Meta: {@code actions[app_custom_event.fb_mobile_purchase]}; TikTok: metric {@code conversion}
 */
public record AdDayFigures(String adId, String adName, String adsetId, String adsetName, String campaignId,
                           String campaignName, LocalDate day, BigDecimal spend, long impressions, long clicks,
                           long installs, long conversions) {

    public AdDayFigures {
        Objects.requireNonNull(adId, "adId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spend, "spend");
        adName = adName == null ? "Ad " + adId : adName;
        adsetId = adsetId == null ? "9" + adId.substring(1) : adsetId;
        adsetName = adsetName == null ? "Ad set of " + adId : adsetName;
        campaignId = campaignId == null ? "8" + adId.substring(1) : campaignId;
        campaignName = campaignName == null ? "Campaign of " + adId : campaignName;
    }

    /** Figures of an ad with default names, ad set and campaign (derived from the ad id) and no conversions. */
    public static AdDayFigures of(String adId, LocalDate day, BigDecimal spend, long impressions, long clicks,
                                  long installs) {
        return new AdDayFigures(adId, null, null, null, null, null, day, spend, impressions, clicks, installs, 0);
    }

    /** The same figures under another campaign / ad set (ids and names). */
    public AdDayFigures in(String campaignId, String campaignName, String adsetId, String adsetName) {
        return new AdDayFigures(adId, adName, adsetId, adsetName, campaignId, campaignName, day, spend, impressions,
                clicks, installs, conversions);
    }

    /** The same figures with {@code n} conversions. */
    public AdDayFigures withConversions(long n) {
        return new AdDayFigures(adId, adName, adsetId, adsetName, campaignId, campaignName, day, spend, impressions,
                clicks, installs, n);
    }

    /** Media leave out rows of ads that did not deliver that day. */
    boolean delivered() {
        return impressions > 0 || spend.signum() != 0 || clicks > 0 || installs > 0 || conversions > 0;
    }
}
