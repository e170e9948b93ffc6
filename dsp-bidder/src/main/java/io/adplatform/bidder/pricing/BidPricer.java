package io.adplatform.bidder.pricing;

import java.util.random.RandomGenerator;

/**
 * The price to bid for one impression: the campaign's value (CPM, or eCPM from CPC × pCTR); no bid below the floor;
 * second-price auctions get the value (the truthful bid); first-price auctions a shaded bid, never below the floor
 * nor above the value.
 */
public final class BidPricer {

    /** A bid, or none ({@code priceMicros} 0); {@code shadingChoice} −1 when no shading applied. */
    public record Quote(long priceMicros, long valueMicros, int shadingChoice) {

        public boolean bids() {
            return priceMicros > 0;
        }

        static Quote none(long value) {
            return new Quote(0, value, -1);
        }
    }

    private BidPricer() {
    }

    /**
     * @param floorCpmMicros the impression's floor, already in the bidder's currency (0 when none)
     * @param firstPrice     the auction type ({@code at} = 1)
     * @param shading        the win-rate model of the placement; used in first-price auctions only
     */
    public static Quote quote(Pricing pricing, double pctr, long floorCpmMicros, boolean firstPrice,
                              WinRateShading shading, RandomGenerator random) {
        long value = pricing.valueCpmMicros(pctr);
        if (value <= 0 || value < floorCpmMicros) {
            return Quote.none(value);
        }
        if (!firstPrice) {
            return new Quote(value, value, -1);
        }
        int choice = shading.choose(random);
        long shaded = Math.round(value * shading.ratio(choice));
        long price = Math.min(value, Math.max(shaded, floorCpmMicros));
        return new Quote(price, value, choice);
    }
}
