package io.adplatform.bidder.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BidPricerTest {

    private static final RandomGenerator RANDOM = new SplittableRandom(7);

    @Test
    void cpcBecomesAnExpectedCpm() {
        // CPC 0.50, pCTR 1.2 % → eCPM = 0.012 × 0.50 × 1000 = 6.00
        assertThat(Pricing.cpc(500_000).valueCpmMicros(0.012)).isEqualTo(6_000_000);
        assertThat(Pricing.cpm(2_000_000).valueCpmMicros(0.3)).isEqualTo(2_000_000);
        assertThatThrownBy(() -> Pricing.cpc(500_000).valueCpmMicros(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noBidBelowTheFloorAndTheValueInSecondPrice() {
        WinRateShading shading = new WinRateShading(0.5, 11, 0.0, 20);

        assertThat(BidPricer.quote(Pricing.cpm(1_000_000), 0, 1_500_000, false, shading, RANDOM).bids()).isFalse();
        BidPricer.Quote second = BidPricer.quote(Pricing.cpm(3_000_000), 0, 1_500_000, false, shading, RANDOM);
        assertThat(second.priceMicros()).isEqualTo(3_000_000);
    }

    @Test
    void firstPriceShadesButNeverBelowTheFloorNorAboveTheValue() {
        WinRateShading shading = new WinRateShading(0.5, 11, 0.0, 20);
        for (int i = 0; i < 100; i++) {
            BidPricer.Quote q = BidPricer.quote(Pricing.cpm(3_000_000), 0, 2_400_000, true, shading, RANDOM);
            assertThat(q.priceMicros()).isBetween(2_400_000L, 3_000_000L);
        }
    }

    /**
     * A market where the highest other bid is uniform on [0, value]: P(win | r) = r, surplus (1 − r) r, best at r = 0.5.
     * After learning, the chosen fraction settles near 0.5 and the surplus beats bidding the full value (0) by far.
     */
    @Test
    void learnsTheFractionThatMaximisesSurplus() {
        WinRateShading shading = new WinRateShading(0.3, 15, 0.05, 20);
        SplittableRandom market = new SplittableRandom(42);
        long value = 1_000_000;
        double surplus = 0;
        for (int i = 0; i < 50_000; i++) {
            BidPricer.Quote q = BidPricer.quote(Pricing.cpm(value), 0, 0, true, shading, market);
            shading.bid(q.shadingChoice());
            if (q.priceMicros() > market.nextLong(value)) {
                shading.won(q.shadingChoice());
                surplus += value - q.priceMicros();
            }
        }
        assertThat(shading.ratio(shading.best())).isBetween(0.4, 0.6);
        assertThat(surplus / 50_000).as("average surplus per bid, optimum 0.25 × value").isGreaterThan(0.2 * value);
    }
}
