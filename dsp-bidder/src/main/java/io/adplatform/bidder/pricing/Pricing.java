package io.adplatform.bidder.pricing;

/**
 * How a campaign buys: a fixed CPM, or a CPC turned into an expected CPM with the predicted click-through rate
 * (eCPM = pCTR × CPC × 1000). Amounts in the bidder's currency, as micro-units to keep the hot path free of
 * BigDecimal.
 */
public record Pricing(Model model, long priceMicros) {

    public enum Model {
        CPM,
        CPC
    }

    public Pricing {
        if (priceMicros <= 0) {
            throw new IllegalArgumentException("price must be positive");
        }
    }

    public static Pricing cpm(long micros) {
        return new Pricing(Model.CPM, micros);
    }

    public static Pricing cpc(long micros) {
        return new Pricing(Model.CPC, micros);
    }

    /** What one thousand impressions are worth to the campaign, in micro-units. */
    public long valueCpmMicros(double pctr) {
        if (model == Model.CPM) {
            return priceMicros;
        }
        if (pctr < 0 || pctr > 1 || Double.isNaN(pctr)) {
            throw new IllegalArgumentException("pCTR must be within [0, 1]: " + pctr);
        }
        return Math.round(pctr * priceMicros * 1000);
    }
}
