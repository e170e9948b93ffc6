package io.adplatform.bidder.campaign;

import io.adplatform.bidder.pricing.Pricing;
import io.adplatform.common.dsp.CampaignConfig;
import java.time.Instant;
import java.util.List;

/**
 * A campaign ready for the bid path: its configuration with what the path needs precomputed — the slot each creative
 * fills ({@code creativeSlots}, parallel to the creatives) and the value of an impression at the campaign's prior CTR
 * (the coarse rank's estimate).
 */
public record Campaign(CampaignConfig config, Pricing pricing, long startMillis, long endMillis,
                       List<String> creativeSlots, long expectedValueMicros) {

    public static Campaign of(CampaignConfig c) {
        Pricing pricing = c.pricing() == CampaignConfig.Pricing.CPC ? Pricing.cpc(c.priceMicros())
                : Pricing.cpm(c.priceMicros());
        List<String> slots = c.creatives().stream().map(cr -> Attributes.slot(cr.format(), cr.w(), cr.h())).toList();
        return new Campaign(c, pricing, millis(c.startAt(), Long.MIN_VALUE), millis(c.endAt(), Long.MAX_VALUE), slots,
                pricing.valueCpmMicros(Math.min(1, Math.max(0, c.ctrPrior()))));
    }

    public String id() {
        return config.id();
    }

    /** Active and inside its flight dates. */
    public boolean live(long nowMillis) {
        return config.status() == CampaignConfig.Status.ACTIVE && nowMillis >= startMillis && nowMillis < endMillis;
    }

    private static long millis(Instant at, long otherwise) {
        return at == null ? otherwise : at.toEpochMilli();
    }
}
