package io.adplatform.bidder.notice;

/**
 * What the bidder knew when it bid, cached under the bid id until the bid's notices have come (or its TTL passed):
 * the notices only carry the bid id and a price.
 *
 * @param instanceId    the bidder instance that bid (its budget lease pays for the win)
 * @param shadingChoice the first-price shading fraction used (−1 when none)
 * @param clickUrl      where a click goes: the deep link on app traffic when the creative has one, else its landing page
 */
public record BidContext(String bidId, String requestId, String impId, String exchange, String campaignId,
                         String creativeId, long priceMicros, String currency, double pctr, String userKey,
                         String country, String site, String placement, int[] features, long modelVersion,
                         int shadingChoice, String instanceId, String clickUrl, long bidAtMillis) {
}
