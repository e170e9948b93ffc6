package io.adplatform.common.kafka;

/** Topic names shared between services and the shape of their keys. Service-private topics live in their service. */
public final class Topics {

    /** Accepted SDK events, key {@code appId:deviceId}. Ingestion HTTP → ingestion router, reporting loader. */
    public static final String SDK_EVENTS = "sdk-events";
    /** Routed events with new-device flag and attribution, key {@code appId:deviceId}. Router → attribution-callback. */
    public static final String ATTRIBUTION_EVENTS = "attribution-events";
    /** One record per delivery outcome, key event id. Attribution-callback → reporting loader. */
    public static final String CALLBACK_RESULTS = "callback-results";
    /** DSP click reports ({@link io.adplatform.common.event.ClickReport}), key link id. Ingestion → DP-link controller. */
    public static final String TRACKING_CLICKS = "tracking-clicks";

    /**
     * DSP campaigns ({@link io.adplatform.common.dsp.CampaignConfig}), key campaign id, compacted; a tombstone removes a
     * campaign. Admin platform (or the bidder's loader) → every bidder, read from the beginning at start.
     */
    public static final String CONFIG_CAMPAIGNS = "config.campaigns";
    /** The bidder's auction events ({@link io.adplatform.common.event.BidEvent}), key bid id. Bidders → reporting, pacing, pCTR training. */
    public static final String BID_EVENTS = "bid-events";

    private Topics() {
    }

    public static String deviceKey(String appId, String deviceId) {
        return appId + ':' + deviceId;
    }
}
