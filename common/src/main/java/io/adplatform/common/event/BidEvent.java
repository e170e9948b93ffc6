package io.adplatform.common.event;

import java.time.Instant;

/**
 * One event of the DSP bidder's auction life cycle, published to {@code bid-events} keyed by {@link #bidId()}: the bid
 * itself, then the exchange's notices joined with the bid's context from the bid cache. Reporting counts them, the
 * bidders' pacing sums spend from WIN/BILLING, and the pCTR trainer learns from IMPRESSION and CLICK.
 *
 * @param eventId     unique per event: {@code bidId:type} (a notice is published once, however often it is called)
 * @param type        what happened
 * @param bidId       our bid's id (signed; see the bidder's notices)
 * @param requestId   the exchange's bid request id
 * @param impId       the impression the bid was for
 * @param exchange    who sent the request
 * @param campaignId  the campaign that bid; {@code creativeId} the ad
 * @param priceMicros BID: our bid price; WIN/BILLING: the clearing price the exchange reported; else 0. CPM micros in
 *                    {@code currency}
 * @param pctr        the predicted CTR at bid time
 * @param userKey     the user the bid was for (user id, buyer uid or device ifa), for caps and training
 * @param country     geo of the request, for reporting
 * @param features    the hashed features the pCTR model saw at bid time (training input)
 * @param modelVersion the pCTR model version that priced the bid
 * @param lossReason  LOSS: the exchange's {@code ${AUCTION_LOSS}} code
 * @param at          when the event happened at the bidder
 */
public record BidEvent(String eventId, Type type, String bidId, String requestId, String impId, String exchange,
                       String campaignId, String creativeId, long priceMicros, String currency, double pctr,
                       String userKey, String country, String bundleOrDomain, int[] features, long modelVersion,
                       Integer lossReason, Instant at) {

    public enum Type { BID, WIN, BILLING, LOSS, IMPRESSION, CLICK }
}
