package io.adplatform.fakes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok Marketing API v1.3 (partner-apis.md §4), served on the same host and prefix as the Events API: header
 * {@code Access-Token}, JSON bodies, HTTP 200 with {@code {code, message, request_id, data}}, code 0 = OK, 40002 a bad
 * parameter. Holds advertisers with their token and, per advertiser, campaigns → ad groups → ads (each ad with a deep
 * link and an {@code operation_status}); answers
 * <ul>
 *   <li>{@code POST campaign/create/} — {@code advertiser_id, campaign_name, objective_type} (APP_PROMOTION, TRAFFIC,
 *       …), {@code budget_mode} (BUDGET_MODE_INFINITE | _DAY | _TOTAL | _DYNAMIC_DAILY_BUDGET), {@code budget} (&gt; 0
 *       unless infinite), {@code operation_status} (ENABLE | DISABLE, default ENABLE), {@code app_promotion_type} →
 *       {@code data.campaign_id}</li>
 *   <li>{@code POST adgroup/create/} — {@code campaign_id} of the advertiser, {@code adgroup_name, placement_type}
 *       (+ {@code placements} when NORMAL), {@code location_ids, budget_mode, budget, schedule_type,
 *       schedule_start_time} ("YYYY-MM-DD HH:MM:SS" UTC; end time for START_END and total budgets),
 *       {@code optimization_goal, billing_event, pacing, bid_type/bid_price}, {@code app_id} for an APP_PROMOTION
 *       campaign → {@code data.adgroup_id}</li>
 *   <li>{@code POST ad/create/} — {@code adgroup_id} of the advertiser, {@code creatives[]} (1–20, each one ad:
 *       {@code ad_name, ad_format, ad_text} ≤ 100 chars, {@code video_id|image_ids, call_to_action,
 *       landing_page_url, deeplink} + {@code deeplink_type, fallback_type}); all or none → {@code data.ad_ids} in
 *       creative order</li>
 *   <li>{@code GET advertiser/info/?advertiser_ids=["…"]&fields=[…]} — name, currency, status of advertisers the
 *       token manages (another: 40001);
 *   <li>{@code GET campaign/get/ | adgroup/get/ | ad/get/?advertiser_id=&filtering=&page=&page_size=} — filtering by
 *       {@code campaign_ids / adgroup_ids / ad_ids} and by {@code campaign_name / adgroup_name / ad_name}
 *       (case-insensitive "contains", as TikTok matches names loosely: compare the exact name yourself); deleted
 *       objects only when filtered by ids — the idempotency check before re-creating</li>
 *   <li>{@code POST campaign/status/update/ | adgroup/status/update/ | ad/status/update/} — {@code campaign_ids |
 *       adgroup_ids | ad_ids}, {@code operation_status} ENABLE | DISABLE | DELETE (a deleted object stays deleted)</li>
 *   <li>{@code POST file/image/ad/upload/} — {@code upload_type=UPLOAD_BY_URL, image_url} → {@code data.image_id}
 *       (the image is not fetched; {@link #imagesUploaded})</li>
 *   <li>{@code POST ad/update/} — swaps deep links in place ({@code creatives[].ad_id, deeplink})</li>
 *   <li>{@code GET report/integrated/get/} — per ad per day figures ({@link TikTokReports}), seeded by
 *       {@link #putReport}, rate limited by {@link #throttleReports}</li>
 * </ul>
 * A request is checked whole before anything changes: one bad creative changes no ad and creates none. Knobs for
 * tests: {@link #throttleAfter} (calls per window per advertiser → code 40100, HTTP 200, as TikTok) and
 * {@link #failNextCreate} (one create fails transiently, permanently or after creating).
 */
public final class TikTokMarketingFake extends PartnerFake {

    static final String BASE = "/open_api/v1.3/";
    static final String AD_UPDATE = BASE + "ad/update/";
    static final String AD_STATUS_UPDATE = BASE + "ad/status/update/";
    static final String AD_GET = BASE + "ad/get/";
    static final String REPORT = BASE + "report/integrated/get/";
    static final String CAMPAIGN_CREATE = BASE + "campaign/create/";
    static final String ADGROUP_CREATE = BASE + "adgroup/create/";
    static final String AD_CREATE = BASE + "ad/create/";
    static final String CAMPAIGN_GET = BASE + "campaign/get/";
    static final String ADGROUP_GET = BASE + "adgroup/get/";
    /** {@code advertiser_ids=["…"]} (a JSON array, as TikTok): the advertisers' name, currency, status. */
    static final String ADVERTISER_INFO = BASE + "advertiser/info/";
    static final Set<String> ADVERTISER_FIELDS = Set.of("advertiser_id", "name", "currency", "status", "timezone");
    static final String CAMPAIGN_STATUS_UPDATE = BASE + "campaign/status/update/";
    static final String ADGROUP_STATUS_UPDATE = BASE + "adgroup/status/update/";
    /** Image upload for ads (added for admin-platform's batch creation): {@code upload_type=UPLOAD_BY_URL}. */
    static final String IMAGE_UPLOAD = BASE + "file/image/ad/upload/";
    public static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 10;
    static final Set<String> OPERATION_STATUSES = Set.of("ENABLE", "DISABLE", "DELETE");
    static final Set<String> AD_FILTERS = Set.of("ad_ids", "adgroup_ids", "campaign_ids", "ad_name");
    static final Set<String> ADGROUP_FILTERS = Set.of("adgroup_ids", "campaign_ids", "adgroup_name");
    static final Set<String> CAMPAIGN_FILTERS = Set.of("campaign_ids", "campaign_name", "objective_type");
    static final String TOO_MANY_REQUESTS = "Too many requests. Please retry in some time.";

    private final Map<String, String> tokensByAdvertiser = new ConcurrentHashMap<>();
    private final Map<String, String> advertiserNames = new ConcurrentHashMap<>();
    private final Map<String, String> images = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong imageSeq = new java.util.concurrent.atomic.AtomicLong();
    private final DspAds ads = new DspAds();
    private final TikTokAdObjects objects = new TikTokAdObjects(ads);
    private final CallLimiter limiter = new CallLimiter();
    private final CreateFailures createFailures = new CreateFailures();
    private final AtomicLong adUpdates = new AtomicLong();
    private final AtomicLong statusUpdates = new AtomicLong();
    private final TikTokReports reports = new TikTokReports();

    TikTokMarketingFake(Clock clock, int maxRecorded) {
        super("tiktok-marketing", clock, maxRecorded);
    }

    /** Registers an advertiser with the access token allowed to manage its ads. */
    public TikTokMarketingFake registerAdvertiser(String advertiserId, String accessToken) {
        tokensByAdvertiser.put(advertiserId, accessToken);
        return this;
    }

    /**
     * Registers an advertiser with its token and the name {@code advertiser/info/} answers ("Advertiser …" unless
     * set; the currency is {@link #advertiserCurrency}'s).
     */
    public TikTokMarketingFake registerAdvertiser(String advertiserId, String accessToken, String name) {
        registerAdvertiser(advertiserId, accessToken);
        advertiserNames.put(advertiserId, name);
        return this;
    }

    /** Puts an enabled ad of {@code advertiserId} with this deep link (replacing one with the same id). */
    public TikTokMarketingFake createAd(String advertiserId, String adId, String deeplink) {
        return createAd(advertiserId, null, adId, deeplink);
    }

    /** Like {@link #createAd(String, String, String)}, in an ad group: an update naming another ad group is refused. */
    public TikTokMarketingFake createAd(String advertiserId, String adgroupId, String adId, String deeplink) {
        ads.put(new DspAd(advertiserId, adId, adgroupId, deeplink, "ENABLE", objects.nextSeq(), clock.instant()));
        return this;
    }

    /** The ad's deep link now, or null if there is no such ad. */
    public String currentDeeplink(String adId) {
        return ads.deeplink(adId);
    }

    /** {@code ENABLE}, {@code DISABLE} or {@code DELETE}; null if there is no such ad. */
    public String status(String adId) {
        return ads.status(adId);
    }

    /** The deep links set through {@code ad/update/}, oldest first (not the one the ad was created with). */
    public List<DeeplinkChange> deeplinkHistory(String adId) {
        return ads.history(adId);
    }

    /** Accepted {@code ad/update/} calls (one call may swap several ads). */
    public long adUpdateCount() {
        return adUpdates.get();
    }

    /** Accepted {@code ad/status/update/} calls. */
    public long statusUpdateCount() {
        return statusUpdates.get();
    }

    /** The advertiser's campaigns, oldest first. */
    public List<AdObject> campaigns(String advertiserId) {
        return objects.campaignsOf(advertiserId)
                .map(c -> new AdObject(c.id, c.name(), c.status(), null, c.createdAt)).toList();
    }

    /** The advertiser's ad groups, oldest first; {@code parentId} is the campaign. */
    public List<AdObject> adGroups(String advertiserId) {
        return objects.adgroupsOf(advertiserId)
                .map(g -> new AdObject(g.id, g.name(), g.status(), g.campaignId, g.createdAt)).toList();
    }

    /** The advertiser's ads (set-up ones included, without a name), oldest first; {@code parentId} is the ad group. */
    public List<AdObject> ads(String advertiserId) {
        return ads.all().stream().filter(a -> a.ownerId.equals(advertiserId))
                .sorted(Comparator.comparingLong(a -> a.createdSeq))
                .map(a -> new AdObject(a.id, objects.adName(a.id), a.status(), a.groupId, a.createdAt)).toList();
    }

    /**
     * From now on the advertiser allows {@code calls} Marketing API calls per {@code window} (a fixed window from the
     * first call; reports count too). A call beyond is answered HTTP 200 with code 40100 "Too many requests", as
     * TikTok does, and changes nothing. {@link #reset()} removes the limit.
     */
    public TikTokMarketingFake throttleAfter(String advertiserId, int calls, Duration window) {
        limiter.limit(advertiserId, calls, window);
        return this;
    }

    /**
     * The next {@code times} creates ({@code campaign/create/}, {@code adgroup/create/}, {@code ad/create/}) that pass
     * validation and match {@code when} fail this way ({@link CreateFailure}: code 50000 or 40002 with HTTP 200; an
     * {@code ad/create/} call fails or creates as a whole).
     */
    public TikTokMarketingFake failNextCreate(int times, Predicate<CreateCall> when, CreateFailure failure) {
        createFailures.add(times, when, failure);
        return this;
    }

    /** {@link #failNextCreate(int, Predicate, CreateFailure)} for creates with a name containing {@code part}. */
    public TikTokMarketingFake failNextCreate(String part, int times, CreateFailure failure) {
        return failNextCreate(times, c -> c.nameContains(part), failure);
    }

    /**
     * Seeds the reports: what the advertiser reports for the ad on that day (spend in the advertiser's currency,
     * metric {@code app_install}). Seeding the same ad and day again replaces the figures.
     */
    public TikTokMarketingFake putReport(String advertiserId, String adId, LocalDate day, BigDecimal spend,
                                         long impressions, long clicks, long installs) {
        return putReport(advertiserId, AdDayFigures.of(adId, day, spend, impressions, clicks, installs));
    }

    /** Seeds the reports with full figures (names, campaign, ad group, conversions). */
    public TikTokMarketingFake putReport(String advertiserId, AdDayFigures figures) {
        reports.put(advertiserId, figures);
        return this;
    }

    /** The metric {@code currency} of the advertiser's reports (USD unless set). */
    public TikTokMarketingFake advertiserCurrency(String advertiserId, String currency) {
        reports.currency(advertiserId, currency);
        return this;
    }

    /**
     * The next {@code times} report requests for the advertiser are answered as rate limited: HTTP 200 with code
     * 40100, as TikTok does.
     */
    public TikTokMarketingFake throttleReports(String advertiserId, int times) {
        respondNext(times, FakeResponse.json(200, envelope(TikTokFake.CODE_RATE_LIMIT,
                "Too many requests. Please retry in some time.", null)),
                r -> (r.path().equals(REPORT) || (r.path() + "/").equals(REPORT))
                        && advertiserId.equals(r.queryParams().get("advertiser_id")));
        return this;
    }

    @Override
    public void reset() {
        super.reset();
        reports.clear();
        ads.clear();
        objects.clear();
        limiter.clear();
        createFailures.clear();
        images.clear();
        adUpdates.set(0);
        statusUpdates.set(0);
    }

    @Override
    protected boolean serves(String path) {
        return path.startsWith(BASE) && !path.startsWith(BASE + "event/");
    }

    @Override
    protected Map<String, Long> stateStats() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("campaigns", (long) objects.campaignCount());
        s.put("adgroups", (long) objects.adgroupCount());
        s.put("ads", (long) ads.size());
        s.put("adUpdates", adUpdates.get());
        s.put("statusUpdates", statusUpdates.get());
        return s;
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        return TikTokFake.scriptedResponse(clock, status);
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        String path = request.path().endsWith("/") ? request.path() : request.path() + "/";
        String method = switch (path) {
            case AD_UPDATE, AD_STATUS_UPDATE, CAMPAIGN_CREATE, ADGROUP_CREATE, AD_CREATE, CAMPAIGN_STATUS_UPDATE,
                 ADGROUP_STATUS_UPDATE, IMAGE_UPLOAD -> "POST";
            case AD_GET, REPORT, CAMPAIGN_GET, ADGROUP_GET, ADVERTISER_INFO -> "GET";
            default -> null;
        };
        if (method == null) {
            return Verdict.refuse(FakeResponse.json(404, envelope(40400, "Not found", null)),
                    "unknown path " + request.path());
        }
        if (!method.equals(request.method())) {
            return Verdict.refuse(FakeResponse.json(405, envelope(40500, "Method not allowed", null)),
                    "method " + request.method() + " on " + path);
        }
        String token = request.header("access-token");
        if (token == null || token.isEmpty()) {
            return refuse(TikTokFake.CODE_TOKEN_EMPTY, "Access token is null, you should set it in http header.",
                    "Access-Token header missing");
        }
        if (!tokensByAdvertiser.containsValue(token)) {
            return refuse(TikTokFake.CODE_TOKEN_INVALID, "Access token is incorrect or has been revoked.",
                    "Access-Token unknown");
        }
        Map<String, String> query = request.queryParams();
        if (path.equals(ADVERTISER_INFO)) {
            return advertiserInfo(query, token);
        }
        JsonNode body = null;
        String advertiserId;
        if ("GET".equals(method)) {
            String id = query.get("advertiser_id");
            advertiserId = id == null || id.isBlank() ? null : id;
        } else {
            body = FakeJson.parseOrNull(request.body());
            if (body == null || !body.isObject()) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, "Request body must be a JSON object.",
                        "body is not a JSON object");
            }
            advertiserId = FakeJson.idText(body.get("advertiser_id"));
        }
        Verdict denied = checkAdvertiser(advertiserId, token);
        if (denied != null) {
            return denied;
        }
        CallLimiter.Admission admission = limiter.admit(advertiserId, clock.instant());
        if (!admission.allowed()) {
            return refuse(TikTokFake.CODE_RATE_LIMIT, TOO_MANY_REQUESTS, "throttled: " + admission.used() + " of "
                    + admission.limit() + " calls used, window ends in " + admission.retryAfter());
        }
        return switch (path) {
            case AD_GET -> getAds(query, advertiserId);
            case REPORT -> report(query, advertiserId);
            case CAMPAIGN_GET -> list(query, CAMPAIGN_FILTERS, f -> objects.listCampaigns(advertiserId, f));
            case ADGROUP_GET -> list(query, ADGROUP_FILTERS, f -> objects.listAdGroups(advertiserId, f));
            case AD_UPDATE -> updateAds(body, advertiserId);
            case AD_STATUS_UPDATE -> updateStatus(body, advertiserId);
            case CAMPAIGN_STATUS_UPDATE -> updateContainerStatus(body, advertiserId, "campaign");
            case ADGROUP_STATUS_UPDATE -> updateContainerStatus(body, advertiserId, "adgroup");
            case IMAGE_UPLOAD -> uploadImage(body, advertiserId);
            default -> create(path, body, advertiserId);
        };
    }

    /**
     * {@code file/image/ad/upload/} by URL: {@code upload_type=UPLOAD_BY_URL}, {@code image_url} (http(s)), optional
     * {@code file_name} → {@code data.image_id}. The image is not fetched; the same URL gets the same id.
     */
    private Verdict uploadImage(JsonNode body, String advertiserId) {
        String type = body.path("upload_type").asString("UPLOAD_BY_FILE");
        if (!"UPLOAD_BY_URL".equals(type)) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "upload_type: only UPLOAD_BY_URL is modelled by this fake.",
                    "upload_type " + type + " not modelled");
        }
        String url = body.path("image_url").asString("");
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "image_url: Not a valid URL.", "image_url invalid: " + url);
        }
        String id = images.computeIfAbsent(advertiserId + " " + url,
                k -> "ad-site-i18n-sg/" + Integer.toHexString(k.hashCode()) + Long.toHexString(imageSeq.incrementAndGet()));
        ObjectNode data = FakeJson.MAPPER.createObjectNode().put("image_id", id).put("image_url", url);
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    /** Images uploaded to the advertiser by {@code file/image/ad/upload/} (distinct URLs). */
    public long imagesUploaded(String advertiserId) {
        return images.keySet().stream().filter(k -> k.startsWith(advertiserId + " ")).count();
    }

    /**
     * {@code advertiser/info/?advertiser_ids=["…"]&fields=["name",…]}: every id must be one the token manages (else
     * 40001, as TikTok); not counted against the advertiser's call window.
     */
    private Verdict advertiserInfo(Map<String, String> query, String token) {
        JsonNode ids = FakeJson.parseOrNull(query.get("advertiser_ids"));
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "advertiser_ids: Missing data for required field.",
                    "advertiser_ids missing or not a JSON array");
        }
        List<String> fields = List.of("advertiser_id", "name", "currency", "status");
        if (query.get("fields") != null) {
            JsonNode f = FakeJson.parseOrNull(query.get("fields"));
            if (f == null || !f.isArray()) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, "fields: Not a valid list.", "fields not a JSON array");
            }
            List<String> asked = new ArrayList<>(List.of("advertiser_id"));
            for (JsonNode n : f) {
                if (!n.isString() || !ADVERTISER_FIELDS.contains(n.stringValue())) {
                    return refuse(TikTokFake.CODE_INVALID_PARAM, "fields: Invalid field " + n + ".",
                            "unknown advertiser field " + n);
                }
                asked.add(n.stringValue());
            }
            fields = asked;
        }
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("list");
        for (JsonNode n : ids) {
            String id = FakeJson.idText(n);
            Verdict denied = checkAdvertiser(id, token);
            if (denied != null) {
                return denied;
            }
            ObjectNode a = list.addObject();
            for (String field : fields) {
                switch (field) {
                    case "advertiser_id" -> a.put(field, id);
                    case "name" -> a.put(field, advertiserNames.getOrDefault(id, "Advertiser " + id));
                    case "currency" -> a.put(field, reports.currencyOf(id));
                    case "status" -> a.put(field, "STATUS_ENABLE");
                    case "timezone" -> a.put(field, "Etc/GMT");
                    default -> { }
                }
            }
        }
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    private Verdict checkAdvertiser(String advertiserId, String token) {
        if (advertiserId == null) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "advertiser_id: Missing data for required field.",
                    "advertiser_id missing");
        }
        if (!token.equals(tokensByAdvertiser.get(advertiserId))) {
            return refuse(TikTokFake.CODE_NO_PERMISSION, "No permission to operate advertiser " + advertiserId + ".",
                    "advertiser " + advertiserId + " not registered for this token");
        }
        return null;
    }

    private Verdict updateAds(JsonNode body, String advertiserId) {
        JsonNode creatives = body.get("creatives");
        if (creatives == null || !creatives.isArray() || creatives.isEmpty()) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "creatives: Missing data for required field.",
                    "creatives missing or empty");
        }
        String adgroupId = body.hasNonNull("adgroup_id") ? FakeJson.idText(body.get("adgroup_id")) : null;
        if (body.hasNonNull("adgroup_id") && adgroupId == null) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "adgroup_id: Not a valid id.", "adgroup_id invalid");
        }
        List<DspAd> targets = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int i = 0; i < creatives.size(); i++) {
            String at = "creatives[" + i + "]";
            JsonNode c = creatives.get(i);
            if (!c.isObject()) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ": must be an object.", at + " is not an object");
            }
            String adId = FakeJson.idText(c.get("ad_id"));
            if (adId == null) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ".ad_id: Missing data for required field.",
                        at + ".ad_id missing");
            }
            DspAd ad = ads.get(adId);
            if (ad == null || !ad.ownerId.equals(advertiserId) || "DELETE".equals(ad.status())) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ".ad_id: Ad " + adId + " does not exist.",
                        at + ".ad_id " + adId + " unknown for advertiser " + advertiserId
                                + (ad != null && "DELETE".equals(ad.status()) ? " (deleted)" : ""));
            }
            if (adgroupId != null && ad.groupId != null && !adgroupId.equals(ad.groupId)) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ".ad_id: Ad " + adId + " does not belong to ad group "
                        + adgroupId + ".", at + ".ad_id " + adId + " not in adgroup " + adgroupId);
            }
            JsonNode link = c.get("deeplink");
            if (link == null || !link.isString() || link.stringValue().isBlank()) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ".deeplink: Missing data for required field.",
                        at + ".deeplink missing");
            }
            if (!DspAd.isDeeplink(link.stringValue())) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ".deeplink: Not a valid URL.",
                        at + ".deeplink is not an absolute URI: " + link.stringValue());
            }
            targets.add(ad);
            links.add(link.stringValue());
        }
        Instant now = clock.instant();
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        if (adgroupId != null) {
            data.put("adgroup_id", adgroupId);
        }
        ArrayNode ids = data.putArray("ad_ids");
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).switchDeeplink(links.get(i), now);
            ids.add(targets.get(i).id);
        }
        data.put("need_audit", false);
        adUpdates.incrementAndGet();
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    private Verdict updateStatus(JsonNode body, String advertiserId) {
        JsonNode adIds = body.get("ad_ids");
        if (adIds == null || !adIds.isArray() || adIds.isEmpty()) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "ad_ids: Missing data for required field.",
                    "ad_ids missing or empty");
        }
        JsonNode op = body.get("operation_status");
        if (op == null || !op.isString() || !OPERATION_STATUSES.contains(op.stringValue())) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "operation_status: Must be one of: ENABLE, DISABLE, DELETE.",
                    "operation_status missing or invalid");
        }
        Set<DspAd> targets = new LinkedHashSet<>();
        for (int i = 0; i < adIds.size(); i++) {
            String adId = FakeJson.idText(adIds.get(i));
            DspAd ad = adId == null ? null : ads.get(adId);
            if (ad == null || !ad.ownerId.equals(advertiserId)) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, "ad_ids[" + i + "]: Ad " + adId + " does not exist.",
                        "ad_ids[" + i + "] " + adId + " unknown for advertiser " + advertiserId);
            }
            if ("DELETE".equals(ad.status()) && !"DELETE".equals(op.stringValue())) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, "ad_ids[" + i + "]: Ad " + adId + " has been deleted.",
                        "ad_ids[" + i + "] " + adId + " is deleted");
            }
            targets.add(ad);
        }
        Instant now = clock.instant();
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        ArrayNode ids = data.putArray("ad_ids");
        for (DspAd ad : targets) {
            ad.status(op.stringValue(), now);
            ids.add(ad.id);
        }
        data.put("status", op.stringValue());
        statusUpdates.incrementAndGet();
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    /** {@code ad/get/}: the advertiser's ads, oldest first, with what {@code ad/create/} gave them. */
    private Verdict getAds(Map<String, String> query, String advertiserId) {
        TikTokAdObjects.Refusal[] bad = new TikTokAdObjects.Refusal[1];
        Map<String, JsonNode> f = TikTokAdObjects.filtering(query.get("filtering"), AD_FILTERS, bad);
        if (f == null) {
            return refuse(bad[0].code(), bad[0].message(), bad[0].reason());
        }
        boolean byIds = f.containsKey("ad_ids");
        List<ObjectNode> rows = ads.all().stream()
                .filter(a -> a.ownerId.equals(advertiserId) && (byIds || !"DELETE".equals(a.status())))
                .sorted(Comparator.comparingLong(a -> a.createdSeq))
                .map(this::renderAd)
                .filter(o -> TikTokAdObjects.idMatches(f, "ad_ids", o.get("ad_id").stringValue())
                        && TikTokAdObjects.idMatches(f, "adgroup_ids", o.path("adgroup_id").asString(""))
                        && TikTokAdObjects.idMatches(f, "campaign_ids", o.path("campaign_id").asString(""))
                        && TikTokAdObjects.nameMatches(f, "ad_name", o.path("ad_name").asString(null)))
                .toList();
        return page(query, rows);
    }

    private ObjectNode renderAd(DspAd ad) {
        ObjectNode o = FakeJson.MAPPER.createObjectNode();
        o.put("advertiser_id", ad.ownerId);
        ObjectNode created = objects.adFields(ad.id);
        if (created != null && created.has("campaign_id")) {
            o.put("campaign_id", created.get("campaign_id").stringValue());
        }
        if (ad.groupId != null) {
            o.put("adgroup_id", ad.groupId);
        }
        o.put("ad_id", ad.id);
        if (created != null) {
            created.remove("campaign_id");
            created.remove("deeplink");
            o.setAll(created);
        }
        o.put("deeplink", ad.deeplink());
        o.put("operation_status", ad.status());
        o.put("create_time", TikTokAdObjects.TIME.format(ad.createdAt));
        o.put("modify_time", TikTokAdObjects.TIME.format(ad.modifiedAt()));
        return o;
    }

    /** {@code campaign/get/}, {@code adgroup/get/}: filtered by the endpoint's keys, then paged. */
    private Verdict list(Map<String, String> query, Set<String> keys,
                         Function<Map<String, JsonNode>, List<ObjectNode>> select) {
        TikTokAdObjects.Refusal[] bad = new TikTokAdObjects.Refusal[1];
        Map<String, JsonNode> f = TikTokAdObjects.filtering(query.get("filtering"), keys, bad);
        if (f == null) {
            return refuse(bad[0].code(), bad[0].message(), bad[0].reason());
        }
        return page(query, select.apply(f));
    }

    /** TikTok's paging: {@code page} from 1, {@code page_size} 1..1000 (default 10), {@code page_info} with totals. */
    private Verdict page(Map<String, String> query, List<ObjectNode> rows) {
        int page;
        int pageSize;
        try {
            page = Integer.parseInt(query.getOrDefault("page", "1"));
            pageSize = Integer.parseInt(query.getOrDefault("page_size", String.valueOf(DEFAULT_PAGE_SIZE)));
        } catch (NumberFormatException e) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "page, page_size: Not a valid integer.",
                    "page or page_size not a number");
        }
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "page_size: Must be between 1 and " + MAX_PAGE_SIZE + ".",
                    "page " + page + " or page_size " + pageSize + " out of range");
        }
        int total = rows.size();
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("list");
        rows.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(list::add);
        ObjectNode pageInfo = data.putObject("page_info");
        pageInfo.put("page", page);
        pageInfo.put("page_size", pageSize);
        pageInfo.put("total_number", total);
        pageInfo.put("total_page", (total + pageSize - 1) / pageSize);
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    /** {@code campaign/create/}, {@code adgroup/create/}, {@code ad/create/}, with any scripted failure. */
    private Verdict create(String path, JsonNode body, String advertiserId) {
        Instant now = clock.instant();
        Object prepared = switch (path) {
            case CAMPAIGN_CREATE -> objects.prepareCampaign(advertiserId, body, now);
            case ADGROUP_CREATE -> objects.prepareAdGroup(advertiserId, body, now);
            default -> objects.prepareAds(advertiserId, body, now);
        };
        if (prepared instanceof TikTokAdObjects.Refusal r) {
            return refuse(r.code(), r.message(), r.reason());
        }
        TikTokAdObjects.Pending pending = (TikTokAdObjects.Pending) prepared;
        CreateFailure failure = createFailures.take(new CreateCall(advertiserId, pending.kind(), pending.names()));
        String what = pending.kind() + " " + pending.names();
        if (failure == null) {
            return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", pending.commit().get())), List.of());
        }
        String internal = "Internal service error. Please retry later.";
        return switch (failure) {
            case TRANSIENT -> refuse(TikTokFake.CODE_INTERNAL, internal, "injected transient failure of " + what);
            case INVALID_PARAMETER -> refuse(TikTokFake.CODE_INVALID_PARAM, "Invalid parameter.",
                    "injected invalid parameter for " + what);
            case TRANSIENT_AFTER_CREATING -> new Verdict(FakeResponse.json(200, envelope(TikTokFake.CODE_INTERNAL,
                    internal, null)), true, "created " + what + " as " + pending.commit().get()
                    + ", then injected transient failure", List.of());
        };
    }

    /** {@code campaign/status/update/}, {@code adgroup/status/update/}: all named or none change. */
    private Verdict updateContainerStatus(JsonNode body, String advertiserId, String kind) {
        String idsKey = kind + "_ids";
        String label = "campaign".equals(kind) ? "Campaign" : "Ad group";
        JsonNode idsNode = body.get(idsKey);
        if (idsNode == null || !idsNode.isArray() || idsNode.isEmpty()) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, idsKey + ": Missing data for required field.",
                    idsKey + " missing or empty");
        }
        JsonNode op = body.get("operation_status");
        if (op == null || !op.isString() || !OPERATION_STATUSES.contains(op.stringValue())) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "operation_status: Must be one of: ENABLE, DISABLE, DELETE.",
                    "operation_status missing or invalid");
        }
        Set<TikTokAdObjects.Container> targets = new LinkedHashSet<>();
        for (int i = 0; i < idsNode.size(); i++) {
            String id = FakeJson.idText(idsNode.get(i));
            TikTokAdObjects.Container c = id == null ? null
                    : "campaign".equals(kind) ? objects.campaign(id) : objects.adgroup(id);
            String at = idsKey + "[" + i + "]";
            if (c == null || !c.advertiserId.equals(advertiserId)) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ": " + label + " " + id + " does not exist.",
                        at + " " + id + " unknown for advertiser " + advertiserId);
            }
            if ("DELETE".equals(c.status()) && !"DELETE".equals(op.stringValue())) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, at + ": " + label + " " + id + " has been deleted.",
                        at + " " + id + " is deleted");
            }
            targets.add(c);
        }
        Instant now = clock.instant();
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        ArrayNode ids = data.putArray(idsKey);
        for (TikTokAdObjects.Container c : targets) {
            c.status(op.stringValue(), now);
            ids.add(c.id);
        }
        data.put("status", op.stringValue());
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    private Verdict report(Map<String, String> query, String advertiserId) {
        Object answer = reports.answer(advertiserId, query);
        if (answer instanceof TikTokReports.Refusal r) {
            return refuse(r.code(), r.message(), r.reason());
        }
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", (ObjectNode) answer)), List.of());
    }

    private Verdict refuse(int code, String message, String reason) {
        // Like the Events API: HTTP 200 with a non-zero code.
        return Verdict.refuse(FakeResponse.json(200, envelope(code, message, null)), reason);
    }

    private String envelope(int code, String message, ObjectNode data) {
        return TikTokFake.envelope(clock, code, message, data);
    }
}
