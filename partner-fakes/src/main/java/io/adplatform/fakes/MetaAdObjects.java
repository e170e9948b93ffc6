package io.adplatform.fakes;

import java.time.Instant;
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
 * The objects of the Meta Marketing fake — campaigns → ad sets → ads, and the account-level ad creatives ads point at —
 * with Graph's checks for creating, reading, listing and updating them. Answers are {@link Answer}s; the fake adds
 * the transport (status, usage headers, throttling, scripted failures). Thread-safe: maps are concurrent, each object
 * changes under its own lock.
 */
final class MetaAdObjects {

    /** What may change on a creative after creation (partner-apis.md §4); anything else is refused. */
    static final Set<String> CREATIVE_EDITABLE = Set.of("name", "status", "adlabels");
    static final Set<String> CONTAINER_EDITABLE = Set.of("name", "status");
    static final Set<String> AUTH_PARAMS = Set.of("access_token", "appsecret_proof");
    private static final long FIRST_CREATIVE_ID = 120_200_000_000_000L;
    private static final long FIRST_CAMPAIGN_ID = 120_230_000_000_000_000L;
    private static final long FIRST_ADSET_ID = 120_240_000_000_000_000L;
    private static final long FIRST_AD_ID = 120_250_000_000_000_000L;

    /**
     * What a Graph call answers before transport: a JSON body (status 200) or Graph's error.
     *
     * @param account the ad account concerned (for the usage header), null when unknown
     */
    record Answer(int status, ObjectNode body, String account, String message, int code, Integer subcode,
                  boolean isTransient, String reason) {

        static Answer ok(String account, ObjectNode body) {
            return new Answer(200, body, account, null, 0, null, false, null);
        }

        static Answer error(String account, String message, int code, Integer subcode, String reason) {
            return new Answer(400, null, account, message, code, subcode, false, reason);
        }

        static Answer bad(String account, String message, String reason) {
            return error(account, "(#100) " + message, 100, null, reason);
        }

        boolean ok() {
            return message == null;
        }
    }

    /**
     * A create that passed validation and waits for its commit (so a scripted failure can still stop it).
     *
     * @param commit stores the object and answers its id
     */
    record Pending(String kind, String account, String name, Supplier<String> commit) {
    }

    /** An ad creative; its {@code object_story_spec} cannot change after creation. */
    record Creative(String id, String accountId, String name, ObjectNode spec, long seq, Instant createdAt) {

        String appLink() {
            for (String path : List.of("/link_data/call_to_action/value/app_link",
                    "/video_data/call_to_action/value/app_link")) {
                JsonNode link = spec.at(path);
                if (link.isString()) {
                    return link.stringValue();
                }
            }
            return null;
        }
    }

    /** What campaigns, ad sets and ads share: identity, name, configured status. */
    abstract static class Item {
        final String id;
        final String accountId;
        final long seq;
        final Instant createdAt;
        private String name;
        private String status;
        private Instant updatedAt;

        Item(String id, String accountId, long seq, Instant createdAt, String name, String status) {
            this.id = id;
            this.accountId = accountId;
            this.seq = seq;
            this.createdAt = createdAt;
            this.name = name;
            this.status = status;
            this.updatedAt = createdAt;
        }

        synchronized String name() {
            return name;
        }

        synchronized String status() {
            return status;
        }

        synchronized Instant updatedAt() {
            return updatedAt;
        }

        synchronized void change(String newName, String newStatus, Instant at) {
            if (newName != null) {
                name = newName;
            }
            if (newStatus != null) {
                status = newStatus;
            }
            updatedAt = at;
        }
    }

    static final class Campaign extends Item {
        /** objective, special_ad_categories, budgets, bid_strategy, buying_type — as Graph renders them. */
        final ObjectNode data;

        Campaign(String id, String accountId, long seq, Instant at, String name, String status, ObjectNode data) {
            super(id, accountId, seq, at, name, status);
            this.data = data;
        }

        String objective() {
            return data.path("objective").asString("");
        }

        boolean hasBudget() {
            return data.has("daily_budget") || data.has("lifetime_budget");
        }
    }

    static final class AdSet extends Item {
        final String campaignId;
        final ObjectNode data;

        AdSet(String id, String accountId, String campaignId, long seq, Instant at, String name, String status,
              ObjectNode data) {
            super(id, accountId, seq, at, name, status);
            this.campaignId = campaignId;
            this.data = data;
        }
    }

    static final class Ad extends Item {
        final String adsetId;
        final String campaignId;
        private String creativeId;
        private final List<MetaMarketingFake.Repoint> history = new ArrayList<>();

        Ad(String id, String accountId, String adsetId, String campaignId, String creativeId, long seq, Instant at,
           String name, String status) {
            super(id, accountId, seq, at, name, status);
            this.adsetId = adsetId;
            this.campaignId = campaignId;
            this.creativeId = creativeId;
        }

        synchronized void repoint(Creative to, Instant at) {
            history.add(new MetaMarketingFake.Repoint(creativeId, to.id(), to.appLink(), at));
            creativeId = to.id();
        }

        synchronized String creativeId() {
            return creativeId;
        }

        synchronized List<MetaMarketingFake.Repoint> history() {
            return List.copyOf(history);
        }
    }

    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final Map<String, AdSet> adsets = new ConcurrentHashMap<>();
    private final Map<String, Ad> ads = new ConcurrentHashMap<>();
    private final Map<String, Creative> creatives = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong creativeIds = new AtomicLong(FIRST_CREATIVE_ID);
    private final AtomicLong campaignIds = new AtomicLong(FIRST_CAMPAIGN_ID);
    private final AtomicLong adsetIds = new AtomicLong(FIRST_ADSET_ID);
    private final AtomicLong adIds = new AtomicLong(FIRST_AD_ID);
    private final AtomicLong creativesCreated = new AtomicLong();
    private final AtomicLong repoints = new AtomicLong();
    private final AtomicLong adStatusUpdates = new AtomicLong();

    void clear() {
        campaigns.clear();
        adsets.clear();
        ads.clear();
        creatives.clear();
        creativesCreated.set(0);
        repoints.set(0);
        adStatusUpdates.set(0);
    }

    // ---- set-up and what tests read --------------------------------------------------------------------------

    /** A set-up ad outside any ad set, pointing at a new set-up creative (not counted as created through the API). */
    void seedAd(String account, String adId, String pageId, String appLink, Instant at) {
        ObjectNode spec = FakeJson.MAPPER.createObjectNode();
        spec.put("page_id", pageId);
        ObjectNode linkData = spec.putObject("link_data");
        linkData.put("link", "https://example.com/");
        if (appLink != null) {
            ObjectNode cta = linkData.putObject("call_to_action");
            cta.put("type", "OPEN_LINK");
            cta.putObject("value").put("link", "https://example.com/").put("app_link", appLink);
        }
        Creative creative = new Creative(String.valueOf(creativeIds.incrementAndGet()), account,
                "Creative of ad " + adId, spec, seq.incrementAndGet(), at);
        creatives.put(creative.id(), creative);
        ads.put(adId, new Ad(adId, account, null, null, creative.id(), seq.incrementAndGet(), at, "Ad " + adId,
                "ACTIVE"));
    }

    Ad ad(String id) {
        return ads.get(id);
    }

    Creative creative(String id) {
        return creatives.get(id);
    }

    Campaign campaign(String id) {
        return campaigns.get(id);
    }

    AdSet adset(String id) {
        return adsets.get(id);
    }

    /** The ad account an object belongs to, or null if there is no object with this id. */
    String accountOf(String id) {
        Item item = item(id);
        if (item != null) {
            return item.accountId;
        }
        Creative c = creatives.get(id);
        return c == null ? null : c.accountId();
    }

    private Item item(String id) {
        Ad ad = ads.get(id);
        if (ad != null) {
            return ad;
        }
        AdSet adset = adsets.get(id);
        return adset != null ? adset : campaigns.get(id);
    }

    Stream<Campaign> campaignsOf(String account) {
        return campaigns.values().stream().filter(c -> c.accountId.equals(account))
                .sorted(Comparator.comparingLong(c -> c.seq));
    }

    Stream<AdSet> adsetsOf(String account) {
        return adsets.values().stream().filter(c -> c.accountId.equals(account))
                .sorted(Comparator.comparingLong(c -> c.seq));
    }

    Stream<Ad> adsOf(String account) {
        return ads.values().stream().filter(c -> c.accountId.equals(account))
                .sorted(Comparator.comparingLong(c -> c.seq));
    }

    Stream<Creative> creativesOf(String account) {
        return creatives.values().stream().filter(c -> c.accountId().equals(account))
                .sorted(Comparator.comparingLong(Creative::seq));
    }

    long creativesCreated() {
        return creativesCreated.get();
    }

    long repoints() {
        return repoints.get();
    }

    long adStatusUpdates() {
        return adStatusUpdates.get();
    }

    Map<String, Long> stats() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("campaigns", (long) campaigns.size());
        s.put("adsets", (long) adsets.size());
        s.put("ads", (long) ads.size());
        s.put("creatives", (long) creatives.size());
        s.put("creativesCreated", creativesCreated.get());
        s.put("repoints", repoints.get());
        s.put("statusUpdates", adStatusUpdates.get());
        return s;
    }

    // ---- creating ----------------------------------------------------------------------------------------------

    /** {@code POST act_{id}/campaigns}: an {@link Answer} refusing it, or a {@link Pending} create. */
    Object prepareCampaign(String account, Map<String, String> p, Instant now) {
        String name = p.get("name");
        if (name == null || name.isBlank()) {
            return Answer.bad(account, "The parameter name is required", "campaign name missing");
        }
        String objective = p.get("objective");
        if (objective == null || objective.isBlank()) {
            return Answer.bad(account, "The parameter objective is required", "campaign objective missing");
        }
        if (!MetaParams.OBJECTIVES.contains(objective)) {
            return Answer.bad(account, "Param objective must be one of " + MetaParams.sorted(MetaParams.OBJECTIVES)
                    + " (the legacy objectives are not available for new campaigns)",
                    "objective " + objective + " invalid");
        }
        String categoriesText = p.get("special_ad_categories");
        if (categoriesText == null) {
            return Answer.bad(account, "The parameter special_ad_categories is required (send [] if none apply)",
                    "special_ad_categories missing");
        }
        JsonNode categories = FakeJson.parseOrNull(categoriesText);
        if (categories == null || !categories.isArray()) {
            return Answer.bad(account, "Param special_ad_categories must be a JSON array",
                    "special_ad_categories is not a JSON array");
        }
        for (JsonNode c : categories) {
            if (!c.isString() || !MetaParams.SPECIAL_AD_CATEGORIES.contains(c.stringValue())) {
                return Answer.bad(account, "Param special_ad_categories[] must be one of "
                        + MetaParams.sorted(MetaParams.SPECIAL_AD_CATEGORIES), "special_ad_categories holds " + c);
            }
        }
        String status = p.getOrDefault("status", "ACTIVE");
        if (!MetaParams.CREATE_STATUSES.contains(status)) {
            return Answer.bad(account, "Param status must be one of {ACTIVE, PAUSED} when creating",
                    "campaign status " + status + " invalid");
        }
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        data.put("objective", objective);
        data.set("special_ad_categories", categories);
        Answer budget = MetaParams.budgets(account, p, data, "campaign");
        if (budget != null) {
            return budget;
        }
        Answer bid = MetaParams.bidStrategy(account, p, data);
        if (bid != null) {
            return bid;
        }
        data.put("buying_type", p.getOrDefault("buying_type", "AUCTION"));
        return new Pending("campaign", account, name, () -> {
            Campaign c = new Campaign(String.valueOf(campaignIds.incrementAndGet()), account, seq.incrementAndGet(),
                    now, name, status, data);
            campaigns.put(c.id, c);
            return c.id;
        });
    }

    /**
     * {@code POST act_{id}/adsets}. {@code batchCampaigns}: the campaigns that already got an ad set in the same
     * batch (Graph refuses several ad sets under one campaign in one batch), null outside a batch.
     */
    Object prepareAdSet(String account, Map<String, String> p, Instant now, Set<String> batchCampaigns) {
        String name = p.get("name");
        if (name == null || name.isBlank()) {
            return Answer.bad(account, "The parameter name is required", "ad set name missing");
        }
        String campaignId = p.get("campaign_id");
        if (campaignId == null || campaignId.isBlank()) {
            return Answer.bad(account, "The parameter campaign_id is required", "campaign_id missing");
        }
        Campaign campaign = campaigns.get(campaignId);
        if (campaign == null || !campaign.accountId.equals(account)) {
            return Answer.bad(account, "Param campaign_id: campaign " + campaignId + " does not exist in ad account "
                    + account, "campaign " + campaignId + " not in " + account);
        }
        if (!Set.of("ACTIVE", "PAUSED").contains(campaign.status())) {
            return Answer.bad(account, "Cannot create an ad set in a " + campaign.status().toLowerCase(Locale.ROOT)
                    + " campaign", "campaign " + campaignId + " is " + campaign.status());
        }
        String goal = p.get("optimization_goal");
        if (goal == null || !MetaParams.OPTIMIZATION_GOALS.contains(goal)) {
            return Answer.bad(account, "Param optimization_goal is required and must be one of "
                    + MetaParams.sorted(MetaParams.OPTIMIZATION_GOALS), "optimization_goal missing or invalid: " + goal);
        }
        String billing = p.get("billing_event");
        if (billing == null || !MetaParams.BILLING_EVENTS.contains(billing)) {
            return Answer.bad(account, "Param billing_event is required and must be one of "
                    + MetaParams.sorted(MetaParams.BILLING_EVENTS), "billing_event missing or invalid: " + billing);
        }
        Object targeting = MetaParams.targeting(account, p.get("targeting"));
        if (targeting instanceof Answer refused) {
            return refused;
        }
        String status = p.getOrDefault("status", "ACTIVE");
        if (!MetaParams.CREATE_STATUSES.contains(status)) {
            return Answer.bad(account, "Param status must be one of {ACTIVE, PAUSED} when creating",
                    "ad set status " + status + " invalid");
        }
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        data.put("optimization_goal", goal);
        data.put("billing_event", billing);
        data.set("targeting", (JsonNode) targeting);
        Answer budget = MetaParams.budgets(account, p, data, "ad set");
        if (budget != null) {
            return budget;
        }
        if (campaign.hasBudget() && (data.has("daily_budget") || data.has("lifetime_budget"))) {
            return Answer.bad(account, "Campaign " + campaignId + " has a campaign budget: its ad sets cannot have one",
                    "ad set budget under a campaign budget");
        }
        if (!campaign.hasBudget() && !data.has("daily_budget") && !data.has("lifetime_budget")) {
            return Answer.bad(account, "An ad set needs daily_budget or lifetime_budget (in minor units) when its "
                    + "campaign has no budget", "ad set budget missing");
        }
        Instant start;
        Instant end;
        try {
            start = p.containsKey("start_time") ? MetaParams.graphTime(p.get("start_time")) : now;
            end = p.containsKey("end_time") ? MetaParams.graphTime(p.get("end_time")) : null;
        } catch (DateTimeParseException | NumberFormatException e) {
            return Answer.bad(account, "Param start_time / end_time must be an ISO 8601 time or a UNIX timestamp",
                    "start_time or end_time unparsable");
        }
        if (end != null && !end.isAfter(start)) {
            return Answer.bad(account, "Param end_time must be after start_time", "end_time not after start_time");
        }
        if (data.has("lifetime_budget") && end == null) {
            return Answer.bad(account, "An ad set with a lifetime_budget needs an end_time",
                    "lifetime_budget without end_time");
        }
        if (p.containsKey("start_time")) {
            data.put("start_time", MetaParams.GRAPH_TIME.format(start));
        }
        if (end != null) {
            data.put("end_time", MetaParams.GRAPH_TIME.format(end));
        }
        Answer bid = MetaParams.bidStrategy(account, p, data);
        if (bid != null) {
            return bid;
        }
        boolean appPromotion = "OUTCOME_APP_PROMOTION".equals(campaign.objective()) || "APP_INSTALLS".equals(goal);
        String promotedText = p.get("promoted_object");
        if (promotedText != null || appPromotion) {
            JsonNode promoted = promotedText == null ? null : FakeJson.parseOrNull(promotedText);
            if (promoted == null || !promoted.isObject()) {
                return Answer.bad(account, "Param promoted_object is required for app promotion and must be a JSON "
                        + "object with application_id and object_store_url",
                        "promoted_object missing or not an object");
            }
            if (appPromotion) {
                if (FakeJson.idText(promoted.get("application_id")) == null) {
                    return Answer.bad(account, "promoted_object[application_id] is required for app promotion",
                            "promoted_object.application_id missing");
                }
                JsonNode store = promoted.get("object_store_url");
                if (store == null || !store.isString() || !MetaParams.isWebUrl(store.stringValue())) {
                    return Answer.bad(account, "promoted_object[object_store_url] must be the app's store URL",
                            "promoted_object.object_store_url missing or not an http(s) URL");
                }
            }
            data.set("promoted_object", promoted);
        }
        if (batchCampaigns != null && !batchCampaigns.add(campaignId)) {
            return Answer.bad(account, "A batch request cannot create several ad sets under the same campaign ("
                    + campaignId + "): send them in separate requests", "second ad set of campaign " + campaignId
                    + " in one batch");
        }
        return new Pending("adset", account, name, () -> {
            AdSet a = new AdSet(String.valueOf(adsetIds.incrementAndGet()), account, campaignId, seq.incrementAndGet(),
                    now, name, status, data);
            adsets.put(a.id, a);
            return a.id;
        });
    }

    /** {@code POST act_{id}/adcreatives}: {@code object_story_spec} with {@code link_data} or {@code video_data}. */
    Object prepareCreative(String account, Map<String, String> params, Instant now) {
        String specText = params.get("object_story_spec");
        if (specText == null || specText.isBlank()) {
            return Answer.bad(account, "The parameter object_story_spec is required", "object_story_spec missing");
        }
        JsonNode spec = FakeJson.parseOrNull(specText);
        if (spec == null || !spec.isObject()) {
            return Answer.bad(account, "Param object_story_spec must be a JSON object",
                    "object_story_spec is not a JSON object");
        }
        if (FakeJson.idText(spec.get("page_id")) == null) {
            return Answer.bad(account, "object_story_spec[page_id] is required", "object_story_spec.page_id missing");
        }
        JsonNode linkData = spec.get("link_data");
        JsonNode videoData = spec.get("video_data");
        String story;
        JsonNode data;
        if (linkData != null && linkData.isObject()) {
            story = "link_data";
            data = linkData;
            JsonNode link = linkData.get("link");
            if (link == null || !link.isString() || !MetaParams.isWebUrl(link.stringValue())) {
                return Answer.bad(account, "object_story_spec[link_data][link] must be a valid URL",
                        "object_story_spec.link_data.link missing or not an http(s) URL");
            }
        } else if (videoData != null && videoData.isObject()) {
            story = "video_data";
            data = videoData;
            if (FakeJson.idText(videoData.get("video_id")) == null) {
                return Answer.bad(account, "object_story_spec[video_data][video_id] is required",
                        "object_story_spec.video_data.video_id missing");
            }
            if (!MetaParams.isNonBlank(videoData.get("image_hash"))
                    && !MetaParams.isNonBlank(videoData.get("image_url"))) {
                return Answer.bad(account, "object_story_spec[video_data] needs a thumbnail: image_hash or image_url",
                        "object_story_spec.video_data without image_hash or image_url");
            }
        } else {
            return Answer.bad(account, "object_story_spec must have link_data or video_data",
                    "object_story_spec.link_data missing (link_data and video_data are the story types modelled)");
        }
        JsonNode message = data.get("message");
        if (message != null && !message.isNull() && !message.isString()) {
            return Answer.bad(account, "object_story_spec[" + story + "][message] must be a string",
                    "object_story_spec." + story + ".message is not a string");
        }
        String problem = MetaParams.checkCallToAction(data.get("call_to_action"));
        if (problem != null) {
            return Answer.bad(account, "object_story_spec[" + story + "][call_to_action]" + problem,
                    "object_story_spec." + story + ".call_to_action" + problem);
        }
        String name = params.get("name");
        return new Pending("adcreative", account, name == null ? "" : name, () -> {
            Creative c = new Creative(String.valueOf(creativeIds.incrementAndGet()), account, name, (ObjectNode) spec,
                    seq.incrementAndGet(), now);
            creatives.put(c.id(), c);
            creativesCreated.incrementAndGet();
            return c.id();
        });
    }

    /** {@code POST act_{id}/ads}: {@code name, adset_id, creative={"creative_id":..}, status}. */
    Object prepareAd(String account, Map<String, String> p, Instant now) {
        String name = p.get("name");
        if (name == null || name.isBlank()) {
            return Answer.bad(account, "The parameter name is required", "ad name missing");
        }
        String adsetId = p.get("adset_id");
        if (adsetId == null || adsetId.isBlank()) {
            return Answer.bad(account, "The parameter adset_id is required", "adset_id missing");
        }
        AdSet adset = adsets.get(adsetId);
        if (adset == null || !adset.accountId.equals(account)) {
            return Answer.bad(account, "Param adset_id: ad set " + adsetId + " does not exist in ad account " + account,
                    "ad set " + adsetId + " not in " + account);
        }
        if (!Set.of("ACTIVE", "PAUSED").contains(adset.status())) {
            return Answer.bad(account, "Cannot create an ad in a " + adset.status().toLowerCase(Locale.ROOT)
                    + " ad set", "ad set " + adsetId + " is " + adset.status());
        }
        String creativeParam = p.get("creative");
        if (creativeParam == null) {
            return Answer.bad(account, "The parameter creative is required", "creative missing");
        }
        Object creative = creativeRef(account, creativeParam);
        if (creative instanceof Answer refused) {
            return refused;
        }
        String status = p.getOrDefault("status", "ACTIVE");
        if (!MetaParams.CREATE_STATUSES.contains(status)) {
            return Answer.bad(account, "Param status must be one of {ACTIVE, PAUSED} when creating",
                    "ad status " + status + " invalid");
        }
        String creativeId = ((Creative) creative).id();
        return new Pending("ad", account, name, () -> {
            Ad ad = new Ad(String.valueOf(adIds.incrementAndGet()), account, adsetId, adset.campaignId, creativeId,
                    seq.incrementAndGet(), now, name, status);
            ads.put(ad.id, ad);
            return ad.id;
        });
    }

    private Object creativeRef(String account, String creativeParam) {
        JsonNode c = FakeJson.parseOrNull(creativeParam);
        String creativeId = c != null && c.isObject() ? FakeJson.idText(c.get("creative_id")) : null;
        if (creativeId == null) {
            return Answer.bad(account, "Param creative must be a JSON object with a creative_id",
                    "creative is not {\"creative_id\":...}");
        }
        Creative target = creatives.get(creativeId);
        if (target == null || !target.accountId().equals(account)) {
            return Answer.bad(account, "Ad creative " + creativeId + " does not exist in ad account " + account,
                    "creative " + creativeId + " not in " + account);
        }
        return target;
    }

    // ---- updating ----------------------------------------------------------------------------------------------

    /** {@code POST /{id}}: a campaign, ad set or ad ({@code name}, {@code status}; an ad also {@code creative}). */
    Answer update(String id, Map<String, String> params, Instant now) {
        Item item = item(id);
        String account = item.accountId;
        String kind = item instanceof Ad ? "ad" : item instanceof AdSet ? "ad set" : "campaign";
        if ("DELETED".equals(item.status())) {
            return Answer.bad(account, "Cannot edit a deleted " + kind, kind + " " + id + " is deleted");
        }
        String status = params.get("status");
        String name = params.get("name");
        String creativeParam = item instanceof Ad ? params.get("creative") : null;
        if (!(item instanceof Ad)) {
            List<String> other = params.keySet().stream()
                    .filter(k -> !CONTAINER_EDITABLE.contains(k) && !AUTH_PARAMS.contains(k)).sorted().toList();
            if (!other.isEmpty()) {
                return Answer.bad(account, "Only name and status of a " + kind + " can be updated here",
                        kind + " fields not modelled for update: " + String.join(", ", other));
            }
        }
        if (creativeParam == null && status == null && name == null) {
            return Answer.bad(account, item instanceof Ad ? "Nothing to update: pass creative, status or name"
                    : "Nothing to update: pass status or name", "no " + (item instanceof Ad ? "creative, " : "")
                    + "status or name to update");
        }
        if (status != null && !MetaParams.STATUSES.contains(status)) {
            return Answer.bad(account, "Param status must be one of {ACTIVE, PAUSED, DELETED, ARCHIVED}",
                    "status " + status + " invalid");
        }
        Creative target = null;
        if (creativeParam != null) {
            Object c = creativeRef(account, creativeParam);
            if (c instanceof Answer refused) {
                return refused;
            }
            target = (Creative) c;
        }
        if (item instanceof Ad ad) {
            synchronized (ad) {
                if (target != null) {
                    ad.repoint(target, now);
                }
                ad.change(name, status, now);
            }
            if (target != null) {
                repoints.incrementAndGet();
            }
            if (status != null) {
                adStatusUpdates.incrementAndGet();
            }
        } else {
            item.change(name, status, now);
        }
        return Answer.ok(account, FakeJson.MAPPER.createObjectNode().put("success", true));
    }

    /** {@code POST /{creative_id}}: only name, status and labels; the content is fixed once created. */
    Answer updateCreative(Creative creative, Map<String, String> params) {
        String account = creative.accountId();
        List<String> locked = params.keySet().stream()
                .filter(k -> !CREATIVE_EDITABLE.contains(k) && !AUTH_PARAMS.contains(k)).sorted().toList();
        if (!locked.isEmpty()) {
            return Answer.bad(account, "An ad creative cannot be edited after creation: only name, status and "
                            + "adlabels can change. Create a new ad creative and point the ad at it.",
                    "creative fields cannot be edited after creation: " + String.join(", ", locked));
        }
        if (params.containsKey("name")) {
            creatives.computeIfPresent(creative.id(), (id, c) -> new Creative(id, c.accountId(), params.get("name"),
                    c.spec(), c.seq(), c.createdAt()));
        }
        return Answer.ok(account, FakeJson.MAPPER.createObjectNode().put("success", true));
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** {@code GET /{id}?fields=} of a campaign, ad set, ad or creative (the caller knows it exists). */
    Answer read(String id, String fieldsParam) {
        Item item = item(id);
        String account = item != null ? item.accountId : creatives.get(id).accountId();
        String kind = item instanceof Campaign ? "campaigns" : item instanceof AdSet ? "adsets"
                : item instanceof Ad ? "ads" : "adcreatives";
        Object fields = MetaQuery.fields(account, kind, fieldsParam);
        if (fields instanceof Answer refused) {
            return refused;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> f = (Map<String, String>) fields;
        return Answer.ok(account, render(item != null ? item : creatives.get(id), f));
    }

    /**
     * {@code GET act_{id}/campaigns|adsets|ads|adcreatives?fields=&filtering=&limit=&after=}: newest first; deleted
     * and archived objects only when the filtering names a status.
     *
     * @param selfUrl the request's URL without {@code after}, for {@code paging.next}
     */
    Answer list(String kind, String account, Map<String, String> params, String selfUrl) {
        Object fields = MetaQuery.fields(account, kind, params.get("fields"));
        if (fields instanceof Answer refused) {
            return refused;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> f = (Map<String, String>) fields;
        List<MetaQuery.Filter> filters = new ArrayList<>();
        Answer bad = MetaQuery.filters(account, kind, params.get("filtering"), filters);
        if (bad != null) {
            return bad;
        }
        int limit = MetaQuery.DEFAULT_LIMIT;
        int offset = 0;
        try {
            if (params.containsKey("limit")) {
                limit = Integer.parseInt(params.get("limit"));
            }
        } catch (NumberFormatException e) {
            return Answer.bad(account, "Param limit must be an integer", "limit not an integer");
        }
        if (limit < 1 || limit > MetaQuery.MAX_LIMIT) {
            return Answer.bad(account, "Param limit must be between 1 and " + MetaQuery.MAX_LIMIT,
                    "limit out of range: " + limit);
        }
        if (params.containsKey("after")) {
            Integer decoded = MetaInsights.decodeCursor(params.get("after"));
            if (decoded == null || decoded < 0) {
                return Answer.bad(account, "Param after is not a valid cursor", "after cursor invalid");
            }
            offset = decoded;
        }
        boolean statusFiltered = filters.stream().anyMatch(x -> x.field().endsWith("_status"));
        List<Object> rows = objectsOf(kind, account)
                .filter(o -> statusFiltered || !(o instanceof Item i)
                        || !Set.of("DELETED", "ARCHIVED").contains(i.status()))
                .filter(o -> filters.stream().allMatch(x -> x.test(fieldValue(o, x.field()))))
                .sorted(Comparator.comparingLong(MetaAdObjects::seqOf).reversed()).toList();
        ObjectNode out = FakeJson.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        List<Object> page = rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
        page.forEach(o -> data.add(render(o, f)));
        ObjectNode paging = out.putObject("paging");
        if (!page.isEmpty()) {
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", MetaInsights.cursor(offset));
            cursors.put("after", MetaInsights.cursor(offset + page.size()));
            if (offset + page.size() < rows.size()) {
                paging.put("next", selfUrl + "&after=" + MetaInsights.cursor(offset + page.size()));
            }
        }
        return Answer.ok(account, out);
    }

    private Stream<Object> objectsOf(String kind, String account) {
        return switch (kind) {
            case "campaigns" -> campaignsOf(account).map(o -> (Object) o);
            case "adsets" -> adsetsOf(account).map(o -> (Object) o);
            case "ads" -> adsOf(account).map(o -> (Object) o);
            default -> creativesOf(account).map(o -> (Object) o);
        };
    }

    private static long seqOf(Object o) {
        return o instanceof Item i ? i.seq : ((Creative) o).seq();
    }

    private String fieldValue(Object o, String field) {
        if (o instanceof Creative c) {
            return "id".equals(field) ? c.id() : c.name();
        }
        Item i = (Item) o;
        return switch (field) {
            case "id" -> i.id;
            case "name" -> i.name();
            case "configured_status" -> i.status();
            case "effective_status" -> effectiveStatus(i);
            case "objective" -> ((Campaign) i).objective();
            case "campaign.id" -> i instanceof AdSet a ? a.campaignId : ((Ad) i).campaignId;
            case "adset.id" -> ((Ad) i).adsetId;
            default -> null;
        };
    }

    /** The status Graph reports after its parents: a paused campaign pauses its ad sets and ads. */
    String effectiveStatus(Item item) {
        String own = item.status();
        if (!"ACTIVE".equals(own)) {
            return own;
        }
        String campaignId = item instanceof AdSet a ? a.campaignId : item instanceof Ad ad ? ad.campaignId : null;
        Campaign c = campaignId == null ? null : campaigns.get(campaignId);
        if (c != null && !"ACTIVE".equals(c.status())) {
            return "PAUSED".equals(c.status()) ? "CAMPAIGN_PAUSED" : c.status();
        }
        AdSet s = item instanceof Ad ad && ad.adsetId != null ? adsets.get(ad.adsetId) : null;
        if (s != null && !"ACTIVE".equals(s.status())) {
            return "PAUSED".equals(s.status()) ? "ADSET_PAUSED" : s.status();
        }
        return own;
    }

    private ObjectNode render(Object o, Map<String, String> fields) {
        if (o instanceof Creative c) {
            return renderCreative(c, fields);
        }
        Item item = (Item) o;
        ObjectNode out = FakeJson.MAPPER.createObjectNode();
        out.put("id", item.id);
        ObjectNode data = item instanceof Campaign c ? c.data : item instanceof AdSet a ? a.data : null;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String key = f.getKey();
            switch (key) {
                case "id" -> { }
                case "name" -> out.put("name", item.name());
                case "status", "configured_status" -> out.put(key, item.status());
                case "effective_status" -> out.put(key, effectiveStatus(item));
                case "account_id" -> out.put(key, item.accountId.substring("act_".length()));
                case "created_time" -> out.put(key, MetaParams.GRAPH_TIME.format(item.createdAt));
                case "updated_time" -> out.put(key, MetaParams.GRAPH_TIME.format(item.updatedAt()));
                case "campaign_id" -> {
                    String id = item instanceof AdSet a ? a.campaignId : ((Ad) item).campaignId;
                    if (id != null) {
                        out.put(key, id);
                    }
                }
                case "adset_id" -> {
                    if (((Ad) item).adsetId != null) {
                        out.put(key, ((Ad) item).adsetId);
                    }
                }
                case "creative" -> {
                    String creativeId = ((Ad) item).creativeId();
                    Creative c = creatives.get(creativeId);
                    if (f.getValue() == null || c == null) {
                        out.putObject("creative").put("id", creativeId);
                    } else {
                        out.set("creative", renderCreative(c, MetaQuery.parseFields(f.getValue())));
                    }
                }
                default -> {
                    if (data != null && data.has(key)) {
                        out.set(key, data.get(key).deepCopy());
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode renderCreative(Creative c, Map<String, String> fields) {
        ObjectNode out = FakeJson.MAPPER.createObjectNode();
        out.put("id", c.id());
        for (String f : fields.keySet()) {
            switch (f) {
                case "name" -> {
                    if (c.name() != null) {
                        out.put("name", c.name());
                    }
                }
                case "account_id" -> out.put("account_id", c.accountId().substring("act_".length()));
                case "object_story_spec" -> out.set("object_story_spec", c.spec().deepCopy());
                default -> { }
            }
        }
        return out;
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

}
