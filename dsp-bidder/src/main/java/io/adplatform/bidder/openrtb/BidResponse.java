package io.adplatform.bidder.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An OpenRTB 2.6 bid response (§4.2). A no-bid is an HTTP 204 without a body (§4.3), not an empty response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BidResponse(String id, List<SeatBid> seatbid, String bidid, String cur, String customdata, Integer nbr,
                          JsonNode ext) {

    /** §4.2.2 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeatBid(List<Bid> bid, String seat, Integer group, JsonNode ext) {
    }

    /**
     * §4.2.3. {@code nurl}, {@code burl}, {@code lurl} and {@code adm} may carry the exchange's macros, e.g.
     * {@code ${AUCTION_PRICE}}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bid(String id, String impid, BigDecimal price, String nurl, String burl, String lurl, String adm,
                      String adid, List<String> adomain, String bundle, String iurl, String cid, String crid,
                      String tactic, Integer cattax, List<String> cat, List<Integer> attr, List<Integer> apis,
                      Integer api, Integer protocol, Integer qagmediarating, String language, String langb,
                      String dealid, Integer w, Integer h, Integer wratio, Integer hratio, Integer exp, Integer dur,
                      Integer mtype, Integer slotinpod, JsonNode ext) {
    }
}
