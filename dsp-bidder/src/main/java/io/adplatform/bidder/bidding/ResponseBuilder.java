package io.adplatform.bidder.bidding;

import io.adplatform.bidder.notice.BidContext;
import io.adplatform.bidder.notice.BidIds;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidResponse;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the engine's decisions into an OpenRTB 2.6 bid response — one signed bid id per bid; {@code nurl},
 * {@code burl}, {@code lurl} with the exchange's macros; {@code adm} with our trackers — and the contexts the bid
 * cache keeps for the notices.
 */
public final class ResponseBuilder {

    /** A response and the contexts of its bids. */
    public record Built(BidResponse response, List<BidContext> contexts) {
    }

    private final BidIds ids;
    private final String noticeBase;
    private final String seat;
    private final String instanceId;

    /** @param noticeBase where exchanges and browsers reach our notice endpoints, e.g. {@code https://bid.example.com} */
    public ResponseBuilder(BidIds ids, String noticeBase, String seat, String instanceId) {
        this.ids = ids;
        this.noticeBase = noticeBase.endsWith("/") ? noticeBase.substring(0, noticeBase.length() - 1) : noticeBase;
        this.seat = seat;
        this.instanceId = instanceId;
    }

    public Built build(BidRequest request, RequestProfile profile, List<Decision> decisions, String exchange, String userKey, String currency,
                       long nowMillis) {
        List<BidResponse.Bid> bids = new ArrayList<>(decisions.size());
        List<BidContext> contexts = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            String bidId = ids.issue();
            Creative cr = d.creative();
            String q = "?b=" + bidId;
            String impressionUrl = noticeBase + "/notice/imp" + q;
            String clickUrl = noticeBase + "/click" + q;
            String adm = AdMarkup.of(cr, d.slot(), impressionUrl, clickUrl);
            boolean banner = cr.format() == io.adplatform.common.dsp.CampaignConfig.Format.BANNER;
            bids.add(new BidResponse.Bid(bidId, d.slot().imp().id(), price(d.quote().priceMicros()),
                    noticeBase + "/notice/win" + q + "&p=${AUCTION_PRICE}",
                    noticeBase + "/notice/bill" + q + "&p=${AUCTION_PRICE}",
                    noticeBase + "/notice/loss" + q + "&r=${AUCTION_LOSS}&p=${AUCTION_MIN_TO_WIN}",
                    adm, cr.id(), cr.adomain(), null, null, d.campaign().id(), cr.id(), null, null,
                    cr.categories(), cr.attributes(), null, null, null, null, null, null, null,
                    banner ? cr.w() : null, banner ? cr.h() : null, null, null, null,
                    cr.format() == io.adplatform.common.dsp.CampaignConfig.Format.VIDEO ? cr.durationSec() : null,
                    markupType(cr), null, null));
            String landing = request.app() != null && cr.deeplink() != null ? cr.deeplink() : cr.landingUrl();
            contexts.add(new BidContext(bidId, request.id(), d.slot().imp().id(), exchange, d.campaign().id(), cr.id(),
                    d.quote().priceMicros(), currency, d.pctr(), userKey, profile.country(),
                    profile.site(), d.placement(), d.features(), d.modelVersion(), d.quote().shadingChoice(),
                    instanceId, landing, nowMillis));
        }
        BidResponse response = new BidResponse(request.id(), List.of(new BidResponse.SeatBid(bids, seat, 0, null)),
                null, currency, null, null, null);
        return new Built(response, contexts);
    }

    /** CPM in currency units from micros. */
    static BigDecimal price(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    private static int markupType(Creative cr) {
        return switch (cr.format()) {
            case BANNER -> 1;
            case VIDEO -> 2;
            case NATIVE -> 4;
        };
    }
}
