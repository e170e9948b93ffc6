package io.adplatform.bidder.campaign;

import io.adplatform.bidder.pricing.Pricing;
import io.adplatform.common.dsp.CampaignConfig;
import java.time.Instant;

/** A campaign ready for the bid path: its configuration with what the path needs precomputed. */
public record Campaign(CampaignConfig config, Pricing pricing, long startMillis, long endMillis) {

    public static Campaign of(CampaignConfig c) {
        Pricing pricing = c.pricing() == CampaignConfig.Pricing.CPC ? Pricing.cpc(c.priceMicros())
                : Pricing.cpm(c.priceMicros());
        return new Campaign(c, pricing, millis(c.startAt(), Long.MIN_VALUE), millis(c.endAt(), Long.MAX_VALUE));
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
