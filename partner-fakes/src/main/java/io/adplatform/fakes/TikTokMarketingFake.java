package io.adplatform.fakes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok Marketing API v1.3 (partner-apis.md §4), served on the same host and prefix as the Events API: header
 * {@code Access-Token}, JSON bodies, HTTP 200 with {@code {code, message, request_id, data}}, code 0 = OK. Holds
 * advertisers with their token and ads with a deep link and an {@code operation_status}; answers
 * <ul>
 *   <li>{@code POST /open_api/v1.3/ad/update/} — swaps deep links in place ({@code creatives[].ad_id, deeplink})</li>
 *   <li>{@code POST /open_api/v1.3/ad/status/update/} — {@code ENABLE | DISABLE | DELETE}</li>
 *   <li>{@code GET /open_api/v1.3/ad/get/?advertiser_id=&filtering={"ad_ids":[..]}&page=&page_size=}</li>
 *   <li>{@code GET /open_api/v1.3/report/integrated/get/} — per ad per day figures ({@link TikTokReports}), seeded by
 *       {@link #putReport}, rate limited by {@link #throttleReports}</li>
 * </ul>
 * A request is checked whole before anything changes: one bad creative changes no ad.
 */
public final class TikTokMarketingFake extends PartnerFake {

    static final String BASE = "/open_api/v1.3/";
    static final String AD_UPDATE = BASE + "ad/update/";
    static final String AD_STATUS_UPDATE = BASE + "ad/status/update/";
    static final String AD_GET = BASE + "ad/get/";
    static final String REPORT = BASE + "report/integrated/get/";
    public static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 10;
    static final Set<String> OPERATION_STATUSES = Set.of("ENABLE", "DISABLE", "DELETE");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Map<String, String> tokensByAdvertiser = new ConcurrentHashMap<>();
    private final DspAds ads = new DspAds();
    private final AtomicLong adSeq = new AtomicLong();
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

    /** Puts an enabled ad of {@code advertiserId} with this deep link (replacing one with the same id). */
    public TikTokMarketingFake createAd(String advertiserId, String adId, String deeplink) {
        return createAd(advertiserId, null, adId, deeplink);
    }

    /** Like {@link #createAd(String, String, String)}, in an ad group: an update naming another ad group is refused. */
    public TikTokMarketingFake createAd(String advertiserId, String adgroupId, String adId, String deeplink) {
        ads.put(new DspAd(advertiserId, adId, adgroupId, deeplink, "ENABLE", adSeq.incrementAndGet(), clock.instant()));
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
            case AD_UPDATE, AD_STATUS_UPDATE -> "POST";
            case AD_GET, REPORT -> "GET";
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
        if (AD_GET.equals(path)) {
            return getAds(request.queryParams(), token);
        }
        if (REPORT.equals(path)) {
            return report(request.queryParams(), token);
        }
        JsonNode body = FakeJson.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return refuse(TikTokFake.CODE_INVALID_PARAM, "Request body must be a JSON object.",
                    "body is not a JSON object");
        }
        String advertiserId = FakeJson.idText(body.get("advertiser_id"));
        Verdict denied = checkAdvertiser(advertiserId, token);
        if (denied != null) {
            return denied;
        }
        return AD_UPDATE.equals(path) ? updateAds(body, advertiserId) : updateStatus(body, advertiserId);
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

    private Verdict getAds(Map<String, String> query, String token) {
        String advertiserId = query.get("advertiser_id");
        Verdict denied = checkAdvertiser(advertiserId == null || advertiserId.isBlank() ? null : advertiserId, token);
        if (denied != null) {
            return denied;
        }
        Set<String> wanted = null;
        String filtering = query.get("filtering");
        if (filtering != null && !filtering.isBlank()) {
            JsonNode f = FakeJson.parseOrNull(filtering);
            if (f == null || !f.isObject()) {
                return refuse(TikTokFake.CODE_INVALID_PARAM, "filtering: Not a valid JSON object.",
                        "filtering is not a JSON object");
            }
            JsonNode adIds = f.get("ad_ids");
            if (adIds != null && !adIds.isNull()) {
                if (!adIds.isArray()) {
                    return refuse(TikTokFake.CODE_INVALID_PARAM, "filtering.ad_ids: Not a valid list.",
                            "filtering.ad_ids is not an array");
                }
                wanted = new LinkedHashSet<>();
                for (JsonNode id : adIds) {
                    String text = FakeJson.idText(id);
                    if (text == null) {
                        return refuse(TikTokFake.CODE_INVALID_PARAM, "filtering.ad_ids: Not a valid list of ids.",
                                "filtering.ad_ids holds a non-id");
                    }
                    wanted.add(text);
                }
            }
        }
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
        Set<String> filter = wanted;
        List<DspAd> matching = ads.all().stream()
                .filter(a -> a.ownerId.equals(advertiserId) && (filter == null || filter.contains(a.id)))
                .sorted(Comparator.comparingLong(a -> a.createdSeq)).toList();
        int total = matching.size();
        ObjectNode data = FakeJson.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("list");
        matching.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(ad -> {
            ObjectNode o = list.addObject();
            o.put("advertiser_id", ad.ownerId);
            if (ad.groupId != null) {
                o.put("adgroup_id", ad.groupId);
            }
            o.put("ad_id", ad.id);
            o.put("deeplink", ad.deeplink());
            o.put("operation_status", ad.status());
            o.put("create_time", TIME.format(ad.createdAt));
            o.put("modify_time", TIME.format(ad.modifiedAt()));
        });
        ObjectNode pageInfo = data.putObject("page_info");
        pageInfo.put("page", page);
        pageInfo.put("page_size", pageSize);
        pageInfo.put("total_number", total);
        pageInfo.put("total_page", (total + pageSize - 1) / pageSize);
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK", data)), List.of());
    }

    private Verdict report(Map<String, String> query, String token) {
        String advertiserId = query.get("advertiser_id");
        Verdict denied = checkAdvertiser(advertiserId == null || advertiserId.isBlank() ? null : advertiserId, token);
        if (denied != null) {
            return denied;
        }
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
