package io.adplatform.bidder.bidding;

import io.adplatform.bidder.campaign.Campaign;
import io.adplatform.bidder.pricing.BidPricer;
import io.adplatform.common.dsp.CampaignConfig.Creative;

/** The bid the engine chose for one impression, with what the notices and training need to know later. */
public record Decision(Slot slot, Campaign campaign, Creative creative, BidPricer.Quote quote, double pctr,
                       int[] features, long modelVersion, String placement) {
}
