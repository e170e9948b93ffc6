package io.adplatform.bidder.bidding;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param currency        the currency bids are made in; campaigns are priced in it
 * @param fxRates         units of {@code currency} per unit of another currency, to convert floors (e.g. EUR: 1.08);
 *                        a floor in a currency without a rate gets no bid
 * @param seat            our seat id at the exchanges ({@code wseat}/{@code bseat})
 * @param maxBudgetTries  candidates tried, best value first, when budgets or pacing refuse the best
 * @param maxScored       campaigns per impression scored with the pCTR model, the best by expected value at their prior
 *                        CTR (the coarse rank); a request matching more campaigns leaves the rest unscored
 * @param maxPlacements   placements with their own first-price shading model; the rest share one
 * @param maxRequestBytes largest bid request read (after gunzip)
 */
@ConfigurationProperties("adplatform.bidder.bidding")
public record BiddingProperties(@DefaultValue("USD") String currency, Map<String, BigDecimal> fxRates,
                                @DefaultValue("adplatform") String seat, @DefaultValue("3") int maxBudgetTries,
                                @DefaultValue("16") int maxScored,
                                @DefaultValue("100000") int maxPlacements,
                                @DefaultValue("65536") int maxRequestBytes) {

    public BiddingProperties {
        fxRates = fxRates == null ? Map.of() : Map.copyOf(fxRates);
    }
}
