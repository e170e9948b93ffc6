package io.adplatform.fakes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The campaigns and ad groups of the TikTok Marketing fake, and what an ad made through {@code ad/create/} carries
 * besides its deep link (the ads themselves are {@link DspAds}, shared with the deep-link swap). Checks create bodies
 * the way TikTok's v1.3 API does and renders the {@code …/get/} lists. Thread-safe.
 */
final class TikTokAdObjects {

    static final Set<String> OBJECTIVES = Set.of("APP_PROMOTION", "WEB_CONVERSIONS", "PRODUCT_SALES", "REACH",
            "TRAFFIC", "VIDEO_VIEWS", "ENGAGEMENT", "LEAD_GENERATION", "RF_REACH");
    static final Set<String> APP_PROMOTION_TYPES = Set.of("APP_INSTALL", "APP_RETARGETING", "APP_PREREGISTRATION",
            "APP_POSTS_PROMOTION", "MINIS");
    static final Set<String> CAMPAIGN_BUDGET_MODES = Set.of("BUDGET_MODE_INFINITE", "BUDGET_MODE_DAY",
            "BUDGET_MODE_TOTAL", "BUDGET_MODE_DYNAMIC_DAILY_BUDGET");
    static final Set<String> ADGROUP_BUDGET_MODES = Set.of("BUDGET_MODE_INFINITE", "BUDGET_MODE_DAY",
            "BUDGET_MODE_TOTAL", "BUDGET_MODE_DYNAMIC_DAILY_BUDGET");
    static final Set<String> PLACEMENT_TYPES = Set.of("PLACEMENT_TYPE_AUTOMATIC", "PLACEMENT_TYPE_NORMAL");
    static final Set<String> PLACEMENTS = Set.of("PLACEMENT_TIKTOK", "PLACEMENT_PANGLE", "PLACEMENT_GLOBAL_APP_BUNDLE");
    static final Set<String> SCHEDULE_TYPES = Set.of("SCHEDULE_START_END", "SCHEDULE_FROM_NOW");
    static final Set<String> OPTIMIZATION_GOALS = Set.of("CLICK", "CONVERT", "INSTALL", "IN_APP_EVENT", "REACH", "SHOW",
            "VIDEO_VIEW", "VALUE", "LEAD_GENERATION", "ENGAGED_VIEW", "ENGAGED_VIEW_FIFTEEN", "FOLLOWERS",
            "PROFILE_VIEWS", "TRAFFIC_LANDING_PAGE_VIEW", "DESTINATION_VISIT");
    static final Set<String> BILLING_EVENTS = Set.of("CPC", "CPM", "CPV", "OCPC", "OCPM", "GD", "CPA");
    static final Set<String> PACINGS = Set.of("PACING_MODE_SMOOTH", "PACING_MODE_FAST");
    static final Set<String> BID_TYPES = Set.of("BID_TYPE_NO_BID", "BID_TYPE_CUSTOM", "BID_TYPE_MAX_CONVERSION");
    static final Set<String> CREATE_STATUSES = Set.of("ENABLE", "DISABLE");
    static final Set<String> AD_FORMATS = Set.of("SINGLE_IMAGE", "SINGLE_VIDEO", "CAROUSEL_ADS", "CATALOG_CAROUSEL",
            "LIVE_CONTENT");
    static final Set<String> DEEPLINK_TYPES = Set.of("NORMAL", "DEFERRED_DEEPLINK");
    static final Set<String> FALLBACK_TYPES = Set.of("APP_INSTALL", "WEBSITE", "UNSET");
    /** Creatives per {@code ad/create/} call this fake takes (~: TikTok's own cap is not confirmed). */
    static final int MAX_CREATIVES = 20;
    static final int MAX_NAME = 512;
    static final int MAX_AD_TEXT = 100;
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long FIRST_CAMPAIGN_ID = 1_790_000_000_000_000_000L;
    private static final long FIRST_ADGROUP_ID = 1_780_000_000_000_000_000L;
    private static final long FIRST_AD_ID = 1_810_000_000_000_000_000L;

    /** A refusal: TikTok's code and message, and the reason for the record. */
    record Refusal(int code, String message, String reason) {
    }

    /** A create that passed its checks; {@code commit} stores it and answers the {@code data} of the answer. */
    record Pending(String kind, List<String> names, Supplier<ObjectNode> commit) {
    }

    /** A campaign or an ad group. */
    static final class Container {
        final String id;
        final String advertiserId;
        /** The campaign of an ad group; null for a campaign. */
        final String campaignId;
        final long seq;
        final Instant createdAt;
        /** The fields as {@code …/get/} renders them, name and status aside. */
        final ObjectNode data;
        private final String name;
        private String status;
        private Instant modifiedAt;

        Container(String id, String advertiserId, String campaignId, long seq, Instant at, String name, String status,
                  ObjectNode data) {
            this.id = id;
            this.advertiserId = advertiserId;
            this.campaignId = campaignId;
            this.seq = seq;
            this.createdAt = at;
            this.name = name;
            this.status = status;
            this.modifiedAt = at;
            this.data = data;
        }

        String name() {
            return name;
        }

        synchronized String status() {
            return status;
        }

        synchronized void status(String value, Instant at) {
            status = value;
            modifiedAt = at;
        }

        synchronized Instant modifiedAt() {
            return modifiedAt;
        }
    }

    private final DspAds ads;
    private final Map<String, Container> campaigns = new ConcurrentHashMap<>();
    private final Map<String, Container> adgroups = new ConcurrentHashMap<>();
    /** ad id → the creative fields {@code ad/create/} took (ad_name, ad_format, ad_text, campaign_id, ...). */
    private final Map<String, ObjectNode> adFields = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong campaignIds = new AtomicLong(FIRST_CAMPAIGN_ID);
    private final AtomicLong adgroupIds = new AtomicLong(FIRST_ADGROUP_ID);
    private final AtomicLong adIds = new AtomicLong(FIRST_AD_ID);

    TikTokAdObjects(DspAds ads) {
        this.ads = ads;
    }

    void clear() {
        campaigns.clear();
        adgroups.clear();
        adFields.clear();
    }

    Container campaign(String id) {
        return campaigns.get(id);
    }

    Container adgroup(String id) {
        return adgroups.get(id);
    }

    Stream<Container> campaignsOf(String advertiserId) {
        return campaigns.values().stream().filter(c -> c.advertiserId.equals(advertiserId))
                .sorted(Comparator.comparingLong(c -> c.seq));
    }

    Stream<Container> adgroupsOf(String advertiserId) {
        return adgroups.values().stream().filter(c -> c.advertiserId.equals(advertiserId))
                .sorted(Comparator.comparingLong(c -> c.seq));
    }

    /** The name an ad was created with through the API; null for a set-up ad. */
    String adName(String adId) {
        ObjectNode f = adFields.get(adId);
        return f == null ? null : f.path("ad_name").asString(null);
    }

    /** The next creation order number, shared with set-up ads so lists come in creation order. */
    long nextSeq() {
        return seq.incrementAndGet();
    }

    int campaignCount() {
        return campaigns.size();
    }

    int adgroupCount() {
        return adgroups.size();
    }

    // ---- creating ----------------------------------------------------------------------------------------------

    /** {@code campaign/create/}: a {@link Refusal} or a {@link Pending} create. */
    Object prepareCampaign(String advertiserId, JsonNode body, Instant now) {
        Object name = name(body, "campaign_name");
        if (name instanceof Refusal r) {
            return r;
        }
        String objective = text(body.get("objective_type"));
        if (objective == null || !OBJECTIVES.contains(objective)) {
            return param("objective_type: Must be one of " + sorted(OBJECTIVES) + ".",
                    "objective_type missing or invalid: " + objective);
        }
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        data.put("objective_type", objective);
        String promotion = text(body.get("app_promotion_type"));
        if (body.hasNonNull("app_promotion_type")) {
            if (promotion == null || !APP_PROMOTION_TYPES.contains(promotion) || !"APP_PROMOTION".equals(objective)) {
                return param("app_promotion_type: Must be one of " + sorted(APP_PROMOTION_TYPES)
                        + ", with objective_type APP_PROMOTION only.", "app_promotion_type invalid: " + promotion);
            }
            data.put("app_promotion_type", promotion);
        }
        Refusal budget = budget(body, data, CAMPAIGN_BUDGET_MODES);
        if (budget != null) {
            return budget;
        }
        Object status = createStatus(body);
        if (status instanceof Refusal r) {
            return r;
        }
        String campaignName = (String) name;
        return new Pending("campaign", List.of(campaignName), () -> {
            Container c = new Container(String.valueOf(campaignIds.incrementAndGet()), advertiserId, null,
                    seq.incrementAndGet(), now, campaignName, (String) status, data);
            campaigns.put(c.id, c);
            return render("campaign", c);
        });
    }

    /** {@code adgroup/create/}. */
    Object prepareAdGroup(String advertiserId, JsonNode body, Instant now) {
        String campaignId = FakeJson.idText(body.get("campaign_id"));
        if (campaignId == null) {
            return param("campaign_id: Missing data for required field.", "campaign_id missing");
        }
        Container campaign = campaigns.get(campaignId);
        if (campaign == null || !campaign.advertiserId.equals(advertiserId) || "DELETE".equals(campaign.status())) {
            return param("campaign_id: Campaign " + campaignId + " does not exist.",
                    "campaign " + campaignId + " unknown for advertiser " + advertiserId
                            + (campaign != null && "DELETE".equals(campaign.status()) ? " (deleted)" : ""));
        }
        Object name = name(body, "adgroup_name");
        if (name instanceof Refusal r) {
            return r;
        }
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        data.put("campaign_id", campaignId);
        String placementType = text(body.get("placement_type"));
        if (placementType == null || !PLACEMENT_TYPES.contains(placementType)) {
            return param("placement_type: Must be one of " + sorted(PLACEMENT_TYPES) + ".",
                    "placement_type missing or invalid: " + placementType);
        }
        data.put("placement_type", placementType);
        if ("PLACEMENT_TYPE_NORMAL".equals(placementType)) {
            JsonNode placements = body.get("placements");
            if (placements == null || !placements.isArray() || placements.isEmpty()) {
                return param("placements: Required with PLACEMENT_TYPE_NORMAL.", "placements missing");
            }
            for (JsonNode p : placements) {
                if (!p.isString() || !PLACEMENTS.contains(p.stringValue())) {
                    return param("placements: Must be a list of " + sorted(PLACEMENTS) + ".",
                            "placements holds " + p);
                }
            }
            data.set("placements", placements);
        }
        JsonNode locations = body.get("location_ids");
        if (locations == null || !locations.isArray() || locations.isEmpty()) {
            return param("location_ids: Missing data for required field.", "location_ids missing or empty");
        }
        ArrayNode locationIds = data.putArray("location_ids");
        for (JsonNode l : locations) {
            String id = FakeJson.idText(l);
            if (id == null) {
                return param("location_ids: Not a valid list of ids.", "location_ids holds " + l);
            }
            locationIds.add(id);
        }
        Refusal budget = budget(body, data, ADGROUP_BUDGET_MODES);
        if (budget != null) {
            return budget;
        }
        Refusal schedule = schedule(body, data);
        if (schedule != null) {
            return schedule;
        }
        for (String field : List.of("optimization_goal", "billing_event")) {
            Set<String> allowed = "optimization_goal".equals(field) ? OPTIMIZATION_GOALS : BILLING_EVENTS;
            String v = text(body.get(field));
            if (v == null || !allowed.contains(v)) {
                return param(field + ": Must be one of " + sorted(allowed) + ".", field + " missing or invalid: " + v);
            }
            data.put(field, v);
        }
        if (body.hasNonNull("pacing")) {
            String pacing = text(body.get("pacing"));
            if (pacing == null || !PACINGS.contains(pacing)) {
                return param("pacing: Must be one of " + sorted(PACINGS) + ".", "pacing invalid: " + pacing);
            }
            data.put("pacing", pacing);
        }
        if (body.hasNonNull("bid_type")) {
            String bidType = text(body.get("bid_type"));
            if (bidType == null || !BID_TYPES.contains(bidType)) {
                return param("bid_type: Must be one of " + sorted(BID_TYPES) + ".", "bid_type invalid: " + bidType);
            }
            data.put("bid_type", bidType);
            if ("BID_TYPE_CUSTOM".equals(bidType)) {
                BigDecimal price = positive(body.get("bid_price"));
                BigDecimal conversionPrice = positive(body.get("conversion_bid_price"));
                if (price == null && conversionPrice == null) {
                    return param("bid_price: Required and greater than 0 with BID_TYPE_CUSTOM.",
                            "bid_price missing for BID_TYPE_CUSTOM");
                }
                if (price != null) {
                    data.put("bid_price", price);
                }
                if (conversionPrice != null) {
                    data.put("conversion_bid_price", conversionPrice);
                }
            }
        }
        if ("APP_PROMOTION".equals(campaign.data.path("objective_type").asString(""))) {
            String appId = FakeJson.idText(body.get("app_id"));
            if (appId == null) {
                return param("app_id: Missing data for required field (objective_type APP_PROMOTION).",
                        "app_id missing for an APP_PROMOTION campaign");
            }
            data.put("app_id", appId);
        }
        Object status = createStatus(body);
        if (status instanceof Refusal r) {
            return r;
        }
        String adgroupName = (String) name;
        return new Pending("adgroup", List.of(adgroupName), () -> {
            Container g = new Container(String.valueOf(adgroupIds.incrementAndGet()), advertiserId, campaignId,
                    seq.incrementAndGet(), now, adgroupName, (String) status, data);
            adgroups.put(g.id, g);
            return render("adgroup", g);
        });
    }

    /** {@code ad/create/}: one ad per creative, all or none. */
    Object prepareAds(String advertiserId, JsonNode body, Instant now) {
        String adgroupId = FakeJson.idText(body.get("adgroup_id"));
        if (adgroupId == null) {
            return param("adgroup_id: Missing data for required field.", "adgroup_id missing");
        }
        Container adgroup = adgroups.get(adgroupId);
        if (adgroup == null || !adgroup.advertiserId.equals(advertiserId) || "DELETE".equals(adgroup.status())) {
            return param("adgroup_id: Ad group " + adgroupId + " does not exist.",
                    "adgroup " + adgroupId + " unknown for advertiser " + advertiserId
                            + (adgroup != null && "DELETE".equals(adgroup.status()) ? " (deleted)" : ""));
        }
        JsonNode creatives = body.get("creatives");
        if (creatives == null || !creatives.isArray() || creatives.isEmpty()) {
            return param("creatives: Missing data for required field.", "creatives missing or empty");
        }
        if (creatives.size() > MAX_CREATIVES) {
            return param("creatives: Length must be between 1 and " + MAX_CREATIVES + ".",
                    creatives.size() + " creatives, more than " + MAX_CREATIVES);
        }
        Object status = createStatus(body);
        if (status instanceof Refusal r) {
            return r;
        }
        List<ObjectNode> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < creatives.size(); i++) {
            Object checked = creative("creatives[" + i + "]", creatives.get(i));
            if (checked instanceof Refusal r) {
                return r;
            }
            ObjectNode f = (ObjectNode) checked;
            f.put("campaign_id", adgroup.campaignId);
            fields.add(f);
            names.add(f.get("ad_name").stringValue());
        }
        return new Pending("ad", names, () -> {
            ObjectNode data = FakeJson.MAPPER.createObjectNode();
            ArrayNode ids = data.putArray("ad_ids");
            for (ObjectNode f : fields) {
                String adId = String.valueOf(adIds.incrementAndGet());
                String deeplink = f.hasNonNull("deeplink") ? f.get("deeplink").stringValue() : null;
                ads.put(new DspAd(advertiserId, adId, adgroupId, deeplink, (String) status, seq.incrementAndGet(), now));
                adFields.put(adId, f);
                ids.add(adId);
            }
            return data;
        });
    }

    private static Object creative(String at, JsonNode c) {
        if (!c.isObject()) {
            return param(at + ": must be an object.", at + " is not an object");
        }
        ObjectNode f = FakeJson.MAPPER.createObjectNode();
        String adName = text(c.get("ad_name"));
        if (adName == null || adName.isBlank()) {
            return param(at + ".ad_name: Missing data for required field.", at + ".ad_name missing");
        }
        if (adName.length() > MAX_NAME) {
            return param(at + ".ad_name: Length must be at most " + MAX_NAME + ".", at + ".ad_name too long");
        }
        f.put("ad_name", adName);
        String format = text(c.get("ad_format"));
        if (format == null || !AD_FORMATS.contains(format)) {
            return param(at + ".ad_format: Must be one of " + sorted(AD_FORMATS) + ".",
                    at + ".ad_format missing or invalid: " + format);
        }
        f.put("ad_format", format);
        if ("SINGLE_VIDEO".equals(format)) {
            String videoId = FakeJson.idText(c.get("video_id"));
            if (videoId == null) {
                return param(at + ".video_id: Required with SINGLE_VIDEO.", at + ".video_id missing");
            }
            f.put("video_id", videoId);
        }
        JsonNode images = c.get("image_ids");
        if (("SINGLE_IMAGE".equals(format) || "CAROUSEL_ADS".equals(format))
                && (images == null || !images.isArray() || images.isEmpty())) {
            return param(at + ".image_ids: Required with " + format + ".", at + ".image_ids missing");
        }
        if (images != null && !images.isNull()) {
            if (!images.isArray()) {
                return param(at + ".image_ids: Not a valid list.", at + ".image_ids not an array");
            }
            f.set("image_ids", images);
        }
        String adText = text(c.get("ad_text"));
        if (adText == null || adText.isBlank()) {
            return param(at + ".ad_text: Missing data for required field.", at + ".ad_text missing");
        }
        if (adText.length() > MAX_AD_TEXT) {
            return param(at + ".ad_text: Length must be between 1 and " + MAX_AD_TEXT + ".", at + ".ad_text too long");
        }
        f.put("ad_text", adText);
        if (c.hasNonNull("call_to_action")) {
            String cta = text(c.get("call_to_action"));
            if (cta == null || cta.isBlank()) {
                return param(at + ".call_to_action: Not a valid string.", at + ".call_to_action invalid");
            }
            f.put("call_to_action", cta);
        }
        if (c.hasNonNull("landing_page_url")) {
            String url = text(c.get("landing_page_url"));
            if (url == null || !MetaParams.isWebUrl(url)) {
                return param(at + ".landing_page_url: Not a valid URL.", at + ".landing_page_url not an http(s) URL");
            }
            f.put("landing_page_url", url);
        }
        if (c.hasNonNull("deeplink")) {
            String link = text(c.get("deeplink"));
            if (link == null || !DspAd.isDeeplink(link)) {
                return param(at + ".deeplink: Not a valid URL.", at + ".deeplink is not an absolute URI: " + link);
            }
            f.put("deeplink", link);
            String type = text(c.get("deeplink_type"));
            if (type == null || !DEEPLINK_TYPES.contains(type)) {
                return param(at + ".deeplink_type: Required with a deeplink, one of " + sorted(DEEPLINK_TYPES) + ".",
                        at + ".deeplink_type missing or invalid: " + type);
            }
            f.put("deeplink_type", type);
        }
        if (c.hasNonNull("fallback_type")) {
            String fallback = text(c.get("fallback_type"));
            if (fallback == null || !FALLBACK_TYPES.contains(fallback)) {
                return param(at + ".fallback_type: Must be one of " + sorted(FALLBACK_TYPES) + ".",
                        at + ".fallback_type invalid: " + fallback);
            }
            if ("WEBSITE".equals(fallback) && !f.has("landing_page_url")) {
                return param(at + ".landing_page_url: Required with fallback_type WEBSITE.",
                        at + ".landing_page_url missing for fallback WEBSITE");
            }
            f.put("fallback_type", fallback);
        }
        return f;
    }

    private static Object name(JsonNode body, String field) {
        String name = text(body.get(field));
        if (name == null || name.isBlank()) {
            return param(field + ": Missing data for required field.", field + " missing");
        }
        if (name.length() > MAX_NAME) {
            return param(field + ": Length must be at most " + MAX_NAME + ".", field + " too long");
        }
        return name;
    }

    private static Object createStatus(JsonNode body) {
        if (!body.hasNonNull("operation_status")) {
            return "ENABLE";
        }
        String status = text(body.get("operation_status"));
        if (status == null || !CREATE_STATUSES.contains(status)) {
            return param("operation_status: Must be one of ENABLE, DISABLE.", "operation_status invalid: " + status);
        }
        return status;
    }

    private static Refusal budget(JsonNode body, ObjectNode data, Set<String> modes) {
        String mode = text(body.get("budget_mode"));
        if (mode == null || !modes.contains(mode)) {
            return param("budget_mode: Must be one of " + sorted(modes) + ".", "budget_mode missing or invalid: " + mode);
        }
        data.put("budget_mode", mode);
        if ("BUDGET_MODE_INFINITE".equals(mode)) {
            return null;
        }
        BigDecimal budget = positive(body.get("budget"));
        if (budget == null) {
            return param("budget: Required with " + mode + " and must be greater than 0 (in the account currency).",
                    "budget missing or not positive for " + mode);
        }
        data.put("budget", budget);
        return null;
    }

    private static Refusal schedule(JsonNode body, ObjectNode data) {
        String type = text(body.get("schedule_type"));
        if (type == null || !SCHEDULE_TYPES.contains(type)) {
            return param("schedule_type: Must be one of " + sorted(SCHEDULE_TYPES) + ".",
                    "schedule_type missing or invalid: " + type);
        }
        data.put("schedule_type", type);
        LocalDateTime start;
        LocalDateTime end = null;
        String startText = text(body.get("schedule_start_time"));
        String endText = text(body.get("schedule_end_time"));
        if (startText == null) {
            return param("schedule_start_time: Missing data for required field.", "schedule_start_time missing");
        }
        try {
            start = LocalDateTime.parse(startText, TIME);
            if (endText != null) {
                end = LocalDateTime.parse(endText, TIME);
            }
        } catch (DateTimeParseException e) {
            return param("schedule_start_time, schedule_end_time: Format must be YYYY-MM-DD HH:MM:SS (UTC).",
                    "schedule time unparsable");
        }
        if ("SCHEDULE_START_END".equals(type) && end == null) {
            return param("schedule_end_time: Required with SCHEDULE_START_END.", "schedule_end_time missing");
        }
        if ("BUDGET_MODE_TOTAL".equals(data.path("budget_mode").asString("")) && !"SCHEDULE_START_END".equals(type)) {
            return param("schedule_type: BUDGET_MODE_TOTAL needs SCHEDULE_START_END.",
                    "lifetime budget without an end");
        }
        if (end != null && !end.isAfter(start)) {
            return param("schedule_end_time: Must be later than schedule_start_time.", "schedule end not after start");
        }
        data.put("schedule_start_time", startText);
        if (endText != null) {
            data.put("schedule_end_time", endText);
        }
        return null;
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /**
     * The filtering of a {@code …/get/} call checked against the keys that endpoint models; null with a refusal in
     * {@code out[0]} when bad.
     */
    static Map<String, JsonNode> filtering(String text, Set<String> keys, Refusal[] out) {
        Map<String, JsonNode> f = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return f;
        }
        JsonNode node = FakeJson.parseOrNull(text);
        if (node == null || !node.isObject()) {
            out[0] = param("filtering: Not a valid JSON object.", "filtering is not a JSON object");
            return null;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!keys.contains(e.getKey())) {
                out[0] = param("filtering." + e.getKey() + ": Unknown field (modelled: " + sorted(keys) + ").",
                        "filtering." + e.getKey() + " not modelled");
                return null;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (e.getKey().endsWith("_ids")) {
                if (!v.isArray()) {
                    out[0] = param("filtering." + e.getKey() + ": Not a valid list.",
                            "filtering." + e.getKey() + " is not an array");
                    return null;
                }
                for (JsonNode id : v) {
                    if (FakeJson.idText(id) == null) {
                        out[0] = param("filtering." + e.getKey() + ": Not a valid list of ids.",
                                "filtering." + e.getKey() + " holds a non-id");
                        return null;
                    }
                }
            } else if (!v.isString()) {
                out[0] = param("filtering." + e.getKey() + ": Not a valid string.",
                        "filtering." + e.getKey() + " is not a string");
                return null;
            }
            f.put(e.getKey(), v);
        }
        return f;
    }

    /** Whether a value is among the filter's ids (true when the filter does not name that key). */
    static boolean idMatches(Map<String, JsonNode> f, String key, String value) {
        JsonNode ids = f.get(key);
        if (ids == null) {
            return true;
        }
        for (JsonNode id : ids) {
            if (FakeJson.idText(id).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A name filter: TikTok matches names loosely, so this one is a case-insensitive "contains". */
    static boolean nameMatches(Map<String, JsonNode> f, String key, String name) {
        JsonNode part = f.get(key);
        return part == null || name != null
                && name.toLowerCase(Locale.ROOT).contains(part.stringValue().toLowerCase(Locale.ROOT));
    }

    List<ObjectNode> listCampaigns(String advertiserId, Map<String, JsonNode> f) {
        boolean byIds = f.containsKey("campaign_ids");
        return campaignsOf(advertiserId)
                .filter(c -> byIds || !"DELETE".equals(c.status()))
                .filter(c -> idMatches(f, "campaign_ids", c.id) && nameMatches(f, "campaign_name", c.name())
                        && (!f.containsKey("objective_type")
                        || f.get("objective_type").stringValue().equals(c.data.path("objective_type").asString(""))))
                .map(c -> render("campaign", c)).toList();
    }

    List<ObjectNode> listAdGroups(String advertiserId, Map<String, JsonNode> f) {
        boolean byIds = f.containsKey("adgroup_ids");
        return adgroupsOf(advertiserId)
                .filter(g -> byIds || !"DELETE".equals(g.status()))
                .filter(g -> idMatches(f, "adgroup_ids", g.id) && idMatches(f, "campaign_ids", g.campaignId)
                        && nameMatches(f, "adgroup_name", g.name()))
                .map(g -> render("adgroup", g)).toList();
    }

    /** Extra fields of an ad made through {@code ad/create/} for {@code ad/get/} (none for a set-up ad). */
    ObjectNode adFields(String adId) {
        ObjectNode f = adFields.get(adId);
        return f == null ? null : f.deepCopy();
    }

    private static ObjectNode render(String kind, Container c) {
        ObjectNode o = FakeJson.MAPPER.createObjectNode();
        o.put("advertiser_id", c.advertiserId);
        o.put(kind + "_id", c.id);
        o.put(kind + "_name", c.name());
        o.setAll(c.data.deepCopy());
        o.put("operation_status", c.status());
        o.put("create_time", TIME.format(c.createdAt));
        o.put("modify_time", TIME.format(c.modifiedAt()));
        return o;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static BigDecimal positive(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            BigDecimal v = n.isNumber() ? n.decimalValue() : n.isString() ? new BigDecimal(n.stringValue()) : null;
            return v != null && v.signum() > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    static Refusal param(String message, String reason) {
        return new Refusal(TikTokFake.CODE_INVALID_PARAM, message, reason);
    }

    static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
