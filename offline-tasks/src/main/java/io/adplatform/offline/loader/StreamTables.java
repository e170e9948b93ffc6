package io.adplatform.offline.loader;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.DeviceIdentifier;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.Platform;
import io.adplatform.common.kafka.Topics;
import io.adplatform.offline.loader.EventFields.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every stream the loader knows: topic → table, the fields read from each record (paths into {@code common}'s event
 * schemas as EventJson writes them) and how they become a row (schema: db/clickhouse/V1).
 */
final class StreamTables {

    /** The SDK event's fields, shared by sdk-events (at the root) and attribution-events (under {@code event}). */
    private static final String[] SDK = {"eventId", "type", "eventName", "appId", "platform", "device.appsflyerId",
            "device.idfa", "device.idfv", "device.gaid", "device.oaid", "device.androidId", "customerUserId",
            "occurredAt", "receivedAt", "country", "revenue.amount", "revenue.currency", "attribution.mediaSource",
            "attribution.campaign", "attribution.adSet", "attribution.ad", "appVersion"};
    private static final Kind[] SDK_KINDS = {Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT,
            Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TIME, Kind.TIME, Kind.TEXT,
            Kind.DECIMAL, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT};
    // slots of SDK
    private static final int EVENT_ID = 0, TYPE = 1, EVENT_NAME = 2, APP_ID = 3, PLATFORM = 4, DEVICE = 5,
            CUSTOMER = 11, OCCURRED = 12, RECEIVED = 13, COUNTRY = 14, AMOUNT = 15, CURRENCY = 16, MEDIA = 17,
            CAMPAIGN = 18, AD_SET = 19, AD = 20, APP_VERSION = 21;

    static final StreamTable SDK_EVENTS = new StreamTable(Topics.SDK_EVENTS, "sdk_events", columns(
            "event_id, type, event_name, app_id, platform, device_key, customer_user_id, occurred_at, received_at, "
                    + "country, revenue, currency, media_source, campaign, ad_set, ad, app_version"),
            fields("", SDK, SDK_KINDS, Map.of("type", names(EventType.values()), "platform", names(Platform.values()))),
            v -> sdkComplete(v),
            (v, r) -> r.string("event_id", v[EVENT_ID]).string("type", v[TYPE]).string("event_name", v[EVENT_NAME])
                    .string("app_id", v[APP_ID]).string("platform", v[PLATFORM]).string("device_key", deviceKey(v))
                    .string("customer_user_id", v[CUSTOMER]).plain("occurred_at", v[OCCURRED], null)
                    .plain("received_at", v[RECEIVED] == null ? v[OCCURRED] : v[RECEIVED], null)
                    .string("country", v[COUNTRY]).plain("revenue", v[AMOUNT], "0")
                    .string("currency", v[CURRENCY])
                    .string("media_source", MediaSources.canonical(v[MEDIA])).string("campaign", v[CAMPAIGN])
                    .string("ad_set", v[AD_SET]).string("ad", v[AD]).string("app_version", v[APP_VERSION]));

    /** attribution-events: the SDK event's fields under {@code event}, then the routing's own. */
    private static final int NEW_DEVICE = SDK.length, FIRST_SEEN = SDK.length + 1, ROUTED = SDK.length + 2,
            ROUTED_MEDIA = SDK.length + 3, ROUTED_PRESENT = SDK.length + 7;

    static final StreamTable ATTRIBUTION_EVENTS = new StreamTable(Topics.ATTRIBUTION_EVENTS, "attribution_events",
            columns("event_id, type, event_name, app_id, platform, device_key, occurred_at, routed_at, new_device, "
                    + "first_seen_at, country, revenue, currency, media_source, campaign, ad_set, ad"),
            attributionFields(),
            v -> sdkComplete(v),
            (v, r) -> {
                // The routing's attribution when it has one, else the event's own; organic when neither.
                int a = v[ROUTED_PRESENT] != null ? ROUTED_MEDIA : MEDIA;
                r.string("event_id", v[EVENT_ID]).string("type", v[TYPE]).string("event_name", v[EVENT_NAME])
                        .string("app_id", v[APP_ID]).string("platform", v[PLATFORM])
                        .string("device_key", deviceKey(v)).plain("occurred_at", v[OCCURRED], null)
                        .plain("routed_at", v[ROUTED] == null ? v[OCCURRED] : v[ROUTED], null)
                        .plain("new_device", v[NEW_DEVICE], "0").nullable("first_seen_at", v[FIRST_SEEN])
                        .string("country", v[COUNTRY]).plain("revenue", v[AMOUNT], "0")
                        .string("currency", v[CURRENCY])
                        .string("media_source", MediaSources.canonical(v[a])).string("campaign", v[a + 1])
                        .string("ad_set", v[a + 2]).string("ad", v[a + 3]);
            });

    static final StreamTable CALLBACK_RESULTS = new StreamTable(Topics.CALLBACK_RESULTS, "callback_results",
            columns("event_id, app_id, partner, partner_event_name, outcome, attempts, http_status, latency_ms, "
                    + "detail, at"),
            fields("", new String[] {"eventId", "appId", "partner", "partnerEventName", "outcome", "attempts",
                    "httpStatus", "latencyMs", "detail", "at"}, new Kind[] {Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT,
                    Kind.TEXT, Kind.UINT16, Kind.UINT16, Kind.UINT32, Kind.TEXT, Kind.TIME},
                    Map.of("partner", names(Partner.values()), "outcome", names(CallbackResult.Outcome.values()))),
            v -> v[0] != null && v[1] != null && v[2] != null && v[4] != null && v[9] != null,
            (v, r) -> r.string("event_id", v[0]).string("app_id", v[1]).string("partner", v[2])
                    .string("partner_event_name", v[3]).string("outcome", v[4]).plain("attempts", v[5], "0")
                    .nullable("http_status", v[6]).nullable("latency_ms", v[7]).string("detail", v[8])
                    .plain("at", v[9], null));

    static final StreamTable BID_EVENTS = new StreamTable(Topics.BID_EVENTS, "bid_events",
            columns("event_id, type, bid_id, request_id, imp_id, exchange, campaign_id, creative_id, price_micros, "
                    + "currency, pctr, user_key, country, bundle_or_domain, model_version, loss_reason, at"),
            fields("", new String[] {"eventId", "type", "bidId", "requestId", "impId", "exchange", "campaignId",
                    "creativeId", "priceMicros", "currency", "pctr", "userKey", "country", "bundleOrDomain",
                    "modelVersion", "lossReason", "at"}, new Kind[] {Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT,
                    Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.INT64, Kind.TEXT, Kind.DOUBLE, Kind.TEXT,
                    Kind.TEXT, Kind.TEXT, Kind.UINT64, Kind.INT32, Kind.TIME},
                    Map.of("type", names(BidEvent.Type.values()))),
            v -> v[0] != null && v[1] != null && v[16] != null,
            (v, r) -> r.string("event_id", v[0]).string("type", v[1]).string("bid_id", v[2])
                    .string("request_id", v[3]).string("imp_id", v[4]).string("exchange", v[5])
                    .string("campaign_id", v[6]).string("creative_id", v[7]).plain("price_micros", v[8], "0")
                    .string("currency", v[9]).plain("pctr", v[10], "0.0").string("user_key", v[11])
                    .string("country", v[12]).string("bundle_or_domain", v[13]).plain("model_version", v[14], "0")
                    .nullable("loss_reason", v[15]).plain("at", v[16], null));

    static final StreamTable TRACKING_CLICKS = new StreamTable(Topics.TRACKING_CLICKS, "tracking_clicks",
            columns("click_id, source, ad_id, link_id, clicked_at, received_at, ip, user_agent"),
            fields("", new String[] {"clickId", "source", "adId", "linkId", "clickedAt", "receivedAt", "ip",
                    "userAgent"}, new Kind[] {Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TIME, Kind.TIME,
                    Kind.TEXT, Kind.TEXT}, Map.of()),
            v -> v[0] != null && v[1] != null && v[4] != null,
            (v, r) -> r.string("click_id", v[0]).string("source", v[1]).string("ad_id", v[2]).string("link_id", v[3])
                    .plain("clicked_at", v[4], null).plain("received_at", v[5] == null ? v[4] : v[5], null)
                    .string("ip", v[6]).string("user_agent", v[7]));

    /** A tombstone (a removed campaign) is no row: the campaign's product stays known for its history. */
    static final StreamTable DSP_CAMPAIGNS = new StreamTable(Topics.CONFIG_CAMPAIGNS, "dsp_campaigns",
            columns("campaign_id, app_id, name, version"),
            fields("", new String[] {"id", "advertiser", "name", "version", "status"},
                    new Kind[] {Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.UINT64, Kind.TEXT},
                    Map.of("status", names(CampaignConfig.Status.values()))),
            v -> v[0] != null && v[1] != null,
            (v, r) -> r.string("campaign_id", v[0]).string("app_id", v[1]).string("name", v[2])
                    .plain("version", v[3], "0"));

    static final List<StreamTable> ALL = List.of(SDK_EVENTS, ATTRIBUTION_EVENTS, CALLBACK_RESULTS, BID_EVENTS,
            TRACKING_CLICKS, DSP_CAMPAIGNS);
    static final List<String> TOPICS = ALL.stream().map(StreamTable::topic).toList();
    private static final Map<String, StreamTable> BY_TOPIC =
            ALL.stream().collect(Collectors.toUnmodifiableMap(StreamTable::topic, Function.identity()));

    private StreamTables() {
    }

    static StreamTable forTopic(String topic) {
        StreamTable table = BY_TOPIC.get(topic);
        if (table == null) {
            throw new IllegalArgumentException("no table for topic " + topic + "; known: " + TOPICS);
        }
        return table;
    }

    private static EventFields attributionFields() {
        List<String> paths = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>(Arrays.asList(SDK_KINDS));
        for (String p : SDK) {
            paths.add("event." + p);
        }
        paths.addAll(List.of("newDevice", "firstSeenAt", "routedAt", "attribution.mediaSource",
                "attribution.campaign", "attribution.adSet", "attribution.ad", "attribution.?"));
        kinds.addAll(List.of(Kind.BOOL, Kind.TIME, Kind.TIME, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.PRESENT));
        return new EventFields(paths, kinds, Map.of("event.type", names(EventType.values()), "event.platform",
                names(Platform.values())));
    }

    private static EventFields fields(String prefix, String[] paths, Kind[] kinds, Map<String, Set<String>> enums) {
        Map<String, Set<String>> prefixed = new HashMap<>();
        enums.forEach((k, v) -> prefixed.put(prefix + k, v));
        return new EventFields(Arrays.stream(paths).map(p -> prefix + p).toList(), Arrays.asList(kinds), prefixed);
    }

    private static List<String> columns(String list) {
        return List.of(list.split(",\\s*"));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether an SDK event's slots make a row (attribution-events read the event's fields into the same slots). Money
     * needs both parts: an amount without a currency is not an amount.
     */
    private static boolean sdkComplete(String[] v) {
        boolean money = (v[AMOUNT] == null) == (v[CURRENCY] == null)
                && (v[CURRENCY] == null || io.adplatform.common.event.Money.isIsoCurrency(v[CURRENCY]));
        return v[EVENT_ID] != null && v[TYPE] != null && v[APP_ID] != null && v[OCCURRED] != null && money;
    }

    /** The device's primary identifier by the platform's one rule ({@link DeviceKeys}), as its key. */
    private static String deviceKey(String[] v) {
        Platform platform = v[PLATFORM] == null ? null : Platform.valueOf(v[PLATFORM]);
        DeviceIds ids = new DeviceIds(v[DEVICE], v[DEVICE + 1], v[DEVICE + 2], v[DEVICE + 3], v[DEVICE + 4],
                v[DEVICE + 5]);
        return DeviceKeys.primary(platform, ids).map(DeviceIdentifier::asKey).orElse("");
    }

    /** Media sources as reporting names them: AppsFlyer's and the SDKs' spellings folded to one. */
    static final class MediaSources {

        private static final Map<String, String> ALIASES = Map.of(
                "facebook ads", "meta", "facebook", "meta", "fb", "meta", "instagram", "meta",
                "tiktokglobal_int", "tiktok", "bytedanceglobal_int", "tiktok", "tiktok ads", "tiktok");

        private MediaSources() {
        }

        static String canonical(String source) {
            if (source == null || source.isBlank()) {
                return "organic";
            }
            String s = source.strip().toLowerCase(Locale.ROOT);
            return ALIASES.getOrDefault(s, s);
        }
    }
}
