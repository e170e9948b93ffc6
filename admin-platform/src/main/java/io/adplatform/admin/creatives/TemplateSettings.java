package io.adplatform.admin.creatives;

import java.time.Instant;
import java.util.List;

/**
 * What the media require for a campaign and its ad sets, per media; money in minor units of the account's currency.
 * Fields a media does not use stay null. Checked by {@link TemplateRules}.
 *
 * @param objective        Meta campaign objective (OUTCOME_APP_PROMOTION, OUTCOME_TRAFFIC, ...)
 * @param objectiveType    TikTok objective_type (APP_PROMOTION, TRAFFIC, ...)
 * @param optimizationGoal Meta (APP_INSTALLS, LINK_CLICKS, ...) or TikTok (INSTALL, CLICK, ...)
 * @param billingEvent     Meta (IMPRESSIONS, ...) or TikTok (CPM, OCPM, CPC, CPV)
 * @param bidStrategy      Meta (LOWEST_COST_WITHOUT_CAP, LOWEST_COST_WITH_BID_CAP, COST_CAP, ...)
 * @param bidType          TikTok (BID_TYPE_NO_BID, BID_TYPE_CUSTOM)
 * @param bidAmount        Meta bid_amount / TikTok bid_price, minor units
 * @param budgetType       DAILY or LIFETIME (Meta daily_budget / lifetime_budget; TikTok BUDGET_MODE_DAY / _TOTAL)
 * @param budgetAmount     per ad set (and TikTok campaign), minor units
 * @param startTime        when delivery starts (null: now)
 * @param endTime          required with a lifetime budget
 * @param placements       Meta publisher platforms (facebook, instagram, audience_network, messenger) or TikTok
 *                         placements (PLACEMENT_TIKTOK, PLACEMENT_PANGLE, PLACEMENT_GLOBAL_APP_BUNDLE); empty:
 *                         automatic
 * @param callToAction     Meta (INSTALL_MOBILE_APP, DOWNLOAD, ...) or TikTok (DOWNLOAD_NOW, INSTALL_NOW, ...)
 * @param pageId           Meta: the Facebook page the ads speak for
 * @param applicationId    Meta app id (promoted_object) or TikTok app id
 * @param objectStoreUrl   store URL the ads lead to; null: the product's store URL
 * @param pacing           TikTok PACING_MODE_SMOOTH / PACING_MODE_FAST
 * @param status           the status objects are created with: PAUSED (default, so nothing spends before review)
 *                         or ACTIVE
 */
public record TemplateSettings(String objective, String objectiveType, String optimizationGoal, String billingEvent,
                               String bidStrategy, String bidType, Long bidAmount, String budgetType, Long budgetAmount,
                               Instant startTime, Instant endTime, List<String> placements, String callToAction,
                               String pageId, String applicationId, String objectStoreUrl, String pacing,
                               String status) {

    public TemplateSettings {
        placements = placements == null ? List.of() : List.copyOf(placements);
        status = status == null ? "PAUSED" : status;
    }
}
