package io.adplatform.admin.dsp;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Budget;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import io.adplatform.common.dsp.CampaignConfig.Pricing;
import io.adplatform.common.dsp.CampaignConfig.Targeting;
import io.adplatform.common.dsp.CampaignValidator;
import io.adplatform.web.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator writes of a DSP campaign: everything the bidder reads ({@link CampaignConfig}) except the id and
 * version, which this service assigns. Numbers left out count as 0, so the bidder's rules name them.
 *
 * @param advertiser the advertiser id the bidder reports; the product's app id when left out
 * @param status     ACTIVE or PAUSED at creation (PAUSED when left out); on update, left out keeps the current one
 * @param currency   the bidders' currency when left out
 */
public record CampaignDraft(String name, String advertiser, CampaignConfig.Status status, Pricing pricing,
                            Long priceMicros, String currency, Budget budget, Instant startAt, Instant endAt,
                            Targeting targeting, List<FrequencyCap> frequencyCaps, Double ctrPrior,
                            List<Creative> creatives) {

    static final int MAX_NAME = 255;
    static final int MAX_ADVERTISER = 128;

    /** The record the bidders would get, with this service's id, version and status. */
    CampaignConfig toConfig(String id, String appId, long version, CampaignConfig.Status effectiveStatus,
                            String defaultCurrency) {
        return new CampaignConfig(id, advertiser == null ? appId : advertiser, name, effectiveStatus, version, pricing,
                priceMicros == null ? 0 : priceMicros, currency == null ? defaultCurrency : currency, budget, startAt,
                endAt, targeting == null ? Targeting.any() : targeting,
                frequencyCaps == null ? List.of() : frequencyCaps, ctrPrior == null ? 0 : ctrPrior,
                creatives == null ? List.of() : creatives);
    }

    /**
     * Every field at fault: the bidder's own rules on the record it would get, then ours (a name to find it by, a flight
     * that has not already ended). {@code previousEnd} is the current end of an updated campaign: keeping an end that
     * has passed is allowed, setting one is not.
     */
    List<FieldError> problems(CampaignConfig candidate, CampaignValidator rules, Instant now, Instant previousEnd) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "is required, at most " + MAX_NAME + " characters"));
        }
        if (advertiser != null && (advertiser.isBlank() || advertiser.length() > MAX_ADVERTISER)) {
            errors.add(new FieldError("advertiser", "must be 1-" + MAX_ADVERTISER + " characters (or left out)"));
        }
        for (CampaignValidator.Problem p : rules.validate(candidate)) {
            errors.add(new FieldError(p.field(), p.message()));
        }
        boolean endChanged = previousEnd == null || !previousEnd.equals(endAt);
        if (endAt != null && endChanged && !endAt.isAfter(now)) {
            errors.add(new FieldError("endAt", "must be in the future"));
        }
        return errors;
    }
}
