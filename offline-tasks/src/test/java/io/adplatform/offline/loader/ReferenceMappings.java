package io.adplatform.offline.loader;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.ClickReport;
import io.adplatform.common.event.DeviceIdentifier;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.Topics;
import java.util.List;
import java.util.Locale;

/**
 * The loader's first mapping, through databind into {@code common}'s records: kept as the reference the streaming
 * {@link StreamTables} must write byte for byte the same rows as.
 */
final class ReferenceMappings {

    static final RecordTable<SdkEvent> SDK_EVENTS = new RecordTable<>(Topics.SDK_EVENTS, "sdk_events",
            "event_id, type, event_name, app_id, platform, device_key, customer_user_id, occurred_at, received_at, "
                    + "country, revenue, currency, media_source, campaign, ad_set, ad, app_version", SdkEvent.class,
            e -> e.eventId() != null && e.type() != null && e.appId() != null && e.occurredAt() != null,
            (e, r) -> {
                AttributionInfo a = e.attribution() == null ? AttributionInfo.ORGANIC : e.attribution();
                r.string("event_id", e.eventId()).string("type", e.type().name()).string("event_name", e.eventName())
                        .string("app_id", e.appId()).string("platform", e.platform() == null ? null : e.platform().name())
                        .string("device_key", deviceKey(e)).string("customer_user_id", e.customerUserId())
                        .time("occurred_at", e.occurredAt())
                        .time("received_at", e.receivedAt() == null ? e.occurredAt() : e.receivedAt())
                        .string("country", e.country())
                        .decimal("revenue", e.revenue() == null ? null : e.revenue().amount())
                        .string("currency", e.revenue() == null ? null : e.revenue().currency())
                        .string("media_source", StreamTables.MediaSources.canonical(a.mediaSource())).string("campaign", a.campaign())
                        .string("ad_set", a.adSet()).string("ad", a.ad()).string("app_version", e.appVersion());
            });

    static final RecordTable<AttributionEvent> ATTRIBUTION_EVENTS = new RecordTable<>(Topics.ATTRIBUTION_EVENTS,
            "attribution_events", "event_id, type, event_name, app_id, platform, device_key, occurred_at, routed_at, "
                    + "new_device, first_seen_at, country, revenue, currency, media_source, campaign, ad_set, ad",
            AttributionEvent.class,
            a -> a.event() != null && SDK_EVENTS.complete().test(a.event()),
            (a, r) -> {
                SdkEvent e = a.event();
                AttributionInfo at = a.attribution() != null ? a.attribution()
                        : e.attribution() != null ? e.attribution() : AttributionInfo.ORGANIC;
                r.string("event_id", e.eventId()).string("type", e.type().name()).string("event_name", e.eventName())
                        .string("app_id", e.appId()).string("platform", e.platform() == null ? null : e.platform().name())
                        .string("device_key", deviceKey(e)).time("occurred_at", e.occurredAt())
                        .time("routed_at", a.routedAt() == null ? e.occurredAt() : a.routedAt())
                        .number("new_device", a.newDevice() ? 1L : 0L).time("first_seen_at", a.firstSeenAt())
                        .string("country", e.country())
                        .decimal("revenue", e.revenue() == null ? null : e.revenue().amount())
                        .string("currency", e.revenue() == null ? null : e.revenue().currency())
                        .string("media_source", StreamTables.MediaSources.canonical(at.mediaSource())).string("campaign", at.campaign())
                        .string("ad_set", at.adSet()).string("ad", at.ad());
            });

    static final RecordTable<CallbackResult> CALLBACK_RESULTS = new RecordTable<>(Topics.CALLBACK_RESULTS,
            "callback_results", "event_id, app_id, partner, partner_event_name, outcome, attempts, http_status, "
                    + "latency_ms, detail, at", CallbackResult.class,
            c -> c.eventId() != null && c.appId() != null && c.partner() != null && c.outcome() != null && c.at() != null,
            (c, r) -> {
                r.string("event_id", c.eventId()).string("app_id", c.appId()).string("partner", c.partner().name())
                        .string("partner_event_name", c.partnerEventName()).string("outcome", c.outcome().name())
                        .number("attempts", (long) c.attempts()).nullableNumber("http_status", c.httpStatus())
                        .nullableNumber("latency_ms", c.latencyMs()).string("detail", c.detail()).time("at", c.at());
            });

    static final RecordTable<BidEvent> BID_EVENTS = new RecordTable<>(Topics.BID_EVENTS, "bid_events",
            "event_id, type, bid_id, request_id, imp_id, exchange, campaign_id, creative_id, price_micros, currency, "
                    + "pctr, user_key, country, bundle_or_domain, model_version, loss_reason, at", BidEvent.class,
            b -> b.eventId() != null && b.type() != null && b.at() != null,
            (b, r) -> {
                r.string("event_id", b.eventId()).string("type", b.type().name()).string("bid_id", b.bidId())
                        .string("request_id", b.requestId()).string("imp_id", b.impId()).string("exchange", b.exchange())
                        .string("campaign_id", b.campaignId()).string("creative_id", b.creativeId())
                        .number("price_micros", b.priceMicros()).string("currency", b.currency())
                        .number("pctr", b.pctr()).string("user_key", b.userKey()).string("country", b.country())
                        .string("bundle_or_domain", b.bundleOrDomain()).number("model_version", b.modelVersion())
                        .nullableNumber("loss_reason", b.lossReason()).time("at", b.at());
            });

    static final RecordTable<ClickReport> TRACKING_CLICKS = new RecordTable<>(Topics.TRACKING_CLICKS, "tracking_clicks",
            "click_id, source, ad_id, link_id, clicked_at, received_at, ip, user_agent", ClickReport.class, c -> c.clickId() != null && c.source() != null && c.clickedAt() != null,
            (c, r) -> r.string("click_id", c.clickId()).string("source", c.source()).string("ad_id", c.adId())
                    .string("link_id", c.linkId()).time("clicked_at", c.clickedAt())
                    .time("received_at", c.receivedAt() == null ? c.clickedAt() : c.receivedAt())
                    .string("ip", c.ip()).string("user_agent", c.userAgent()));

    /** A tombstone (a removed campaign) is no row: the campaign's product stays known for its history. */
    static final RecordTable<CampaignConfig> DSP_CAMPAIGNS = new RecordTable<>(Topics.CONFIG_CAMPAIGNS, "dsp_campaigns",
            "campaign_id, app_id, name, version", CampaignConfig.class, c -> c.id() != null && c.advertiser() != null,
            (c, r) -> r.string("campaign_id", c.id()).string("app_id", c.advertiser()).string("name", c.name())
                    .number("version", c.version()));

    static final List<RecordTable<?>> ALL = List.of(SDK_EVENTS, ATTRIBUTION_EVENTS, CALLBACK_RESULTS, BID_EVENTS,
            TRACKING_CLICKS, DSP_CAMPAIGNS);
    private ReferenceMappings() {
    }

    private static String deviceKey(SdkEvent e) {
        return DeviceKeys.primary(e.platform(), e.device()).map(DeviceIdentifier::asKey).orElse("");
    }
}
