package io.adplatform.fakes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta Marketing API (Graph, partner-apis.md §4), served on the same host and prefix as the Conversions API:
 * form-encoded POSTs (a JSON body is taken too), {@code access_token} as form field or query parameter, Graph error JSON
 * {@code {"error":{message, type, code, error_subcode, is_transient, fbtrace_id}}} with HTTP 400. Holds ad accounts
 * with their token and, per account, campaigns → ad sets → ads pointing at account-level ad creatives. Answers
 * <ul>
 *   <li>{@code POST /{v}/act_{id}/campaigns} — {@code name}, {@code objective} (OUTCOME_APP_PROMOTION, OUTCOME_TRAFFIC,
 *       … — the outcome objectives), {@code special_ad_categories} (JSON array, {@code []} if none), {@code status}
 *       (ACTIVE | PAUSED; omitted means ACTIVE, as at Meta), optional campaign budget → {@code {id}}</li>
 *   <li>{@code POST /{v}/act_{id}/adsets} — {@code name}, {@code campaign_id} of the account, {@code optimization_goal},
 *       {@code billing_event}, {@code targeting} (JSON with {@code geo_locations}), {@code status}, {@code daily_budget}
 *       or {@code lifetime_budget} (integer minor units ≥ 100, not both; lifetime needs {@code end_time}; none under a
 *       campaign budget), {@code bid_strategy}/{@code bid_amount}, {@code start_time}/{@code end_time},
 *       {@code promoted_object{application_id, object_store_url}} (required for app promotion) → {@code {id}}</li>
 *   <li>{@code POST /{v}/act_{id}/adcreatives} — {@code name}, {@code object_story_spec} (JSON, {@code link_data} or
 *       {@code video_data}) → {@code {id}}</li>
 *   <li>{@code POST /{v}/act_{id}/ads} — {@code name}, {@code adset_id} of the account,
 *       {@code creative={"creative_id":..}} of the account, {@code status} → {@code {id}}</li>
 *   <li>{@code GET /{v}/act_{id}/campaigns|adsets|ads|adcreatives?fields=&filtering=[{field, operator, value}]&limit=
 *       &after=} — newest first, {@code {data, paging{cursors, next}}}; operators EQUAL, NOT_EQUAL, CONTAIN (case
 *       insensitive), NOT_CONTAIN, IN, NOT_IN on {@code name}, {@code id}, {@code campaign.id}, {@code adset.id},
 *       {@code effective_status}, {@code configured_status}; deleted and archived objects only when filtering names a
 *       status — the idempotency check before re-creating</li>
 *   <li>{@code GET /{v}/act_{id}?fields=id,account_id,name,currency,account_status} — the ad account, for its token
 *       only (another token: 100/33 "does not exist", an unknown token: 190);
 *   <li>{@code GET /{v}/{id}?fields=} — a campaign, ad set, ad ({@code creative{...}} expansion included) or creative;
 *       {@code POST /{v}/{id}} — {@code status} (ACTIVE | PAUSED | ARCHIVED | DELETED) and {@code name} of a campaign,
 *       ad set or ad; an ad also {@code creative={"creative_id":..}} (re-point); a creative only name, status,
 *       adlabels: its content cannot be edited, so a deep-link swap is a new creative plus a re-point</li>
 *   <li>{@code POST /} or {@code POST /{v}/} with {@code batch=[{method, relative_url, body, name, depends_on,
 *       omit_response_on_success}]} (≤ 50 operations, else code 100) — run in order; {@code {result=<name>:$.id}}
 *       (also {@code $.data.*.id}) in relative_url or body; an operation depending on a failed one is not run and
 *       answers an error; the answer is HTTP 200 with one {@code {code, headers:[{name,value}], body:"<json>"}} per
 *       operation ({@code null} for an omitted one); each operation counts towards throttling; several ad sets under
 *       one campaign in one batch are refused, as at Meta</li>
 *   <li>Insights ({@link MetaInsights}): {@code GET /{v}/act_{id}/insights} (sync), {@code POST} it (async report
 *       run → {@code report_run_id}), {@code GET /{v}/{report_run_id}} (status), {@code GET
 *       /{v}/{report_run_id}/insights}; seeded by {@link #putInsights}, throttled by {@link #throttleInsights}</li>
 * </ul>
 * Knobs for tests: {@link #throttleAfter} (calls per window per account → code 80004 or 17, with
 * {@code X-Business-Use-Case-Usage}), {@link #regainAccessUnit} (what one unit of
 * {@code estimated_time_to_regain_access} means, a minute unless a test shortens it), {@link #failNextCreate} (one
 * create fails transiently, permanently, or after creating). Every answer for an ad account carries
 * {@code X-Business-Use-Case-Usage} for it. Error codes that drive a client (190 token, 100 parameter, 17/80004
 * throttled, 2 transient) follow the card; subcodes and message wording are this fake's choice.
 */
public final class MetaMarketingFake extends PartnerFake {

    static final Pattern VERSIONED = Pattern.compile("^/v\\d+\\.\\d+/.*");
    static final Pattern VERSION_PREFIX = Pattern.compile("^v\\d+\\.\\d+(/|$)");
    /** Graph's root, where batches go: {@code ""}, {@code /}, {@code /v21.0}, {@code /v21.0/}. */
    static final Pattern BATCH_ROOT = Pattern.compile("^/?(v\\d+\\.\\d+/?)?$");
    static final Pattern ACCOUNT_EDGE =
            Pattern.compile("^/v\\d+\\.\\d+/(act_\\d+)/(campaigns|adsets|ads|adcreatives)/?$");
    static final Pattern NODE = Pattern.compile("^/v\\d+\\.\\d+/([^/]+)/?$");
    static final Pattern ACCOUNT_NODE = Pattern.compile("^/v\\d+\\.\\d+/(act_\\d+)/?$");
    /** Fields of an ad account node the fake answers ({@code GET /{v}/act_{id}?fields=}). */
    static final Set<String> ACCOUNT_FIELDS = Set.of("id", "account_id", "name", "currency", "account_status");
    /** The Graph version a batch operation without one runs at when the batch URL has none either. */
    static final String DEFAULT_VERSION = "v21.0";
    /** Ads management throttling (per ad account), the code the fake answers unless told otherwise. */
    public static final int CODE_ADS_MANAGEMENT_THROTTLED = 80004;
    /** Graph's application-level "User request limit reached". */
    public static final int CODE_USER_REQUEST_LIMIT = 17;
    static final int SUBCODE_THROTTLED = 2446079;

    /** One re-point of an ad to another creative through the API, and the deep link the new creative holds. */
    public record Repoint(String fromCreativeId, String toCreativeId, String appLink, Instant at) {
    }

    /** What one batch shares between its operations. */
    private static final class BatchScope {
        final Set<String> adsetCampaigns = new HashSet<>();
        final Set<String> accounts = new LinkedHashSet<>();
    }

    private final Map<String, String> tokensByAccount = new ConcurrentHashMap<>();
    private final Map<String, String> accountNames = new ConcurrentHashMap<>();
    private final Map<String, Integer> throttleCodes = new ConcurrentHashMap<>();
    private final MetaAdObjects objects = new MetaAdObjects();
    private final MetaInsights insights = new MetaInsights();
    private final CallLimiter limiter = new CallLimiter();
    private final CreateFailures createFailures = new CreateFailures();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchOps = new AtomicLong();
    private volatile Duration regainAccessUnit = Duration.ofMinutes(1);

    MetaMarketingFake(Clock clock, int maxRecorded) {
        super("meta-marketing", clock, maxRecorded);
    }

    /** Registers an ad account ({@code act_123} or {@code 123}) with the access token allowed to manage it. */
    public MetaMarketingFake registerAdAccount(String accountId, String accessToken) {
        tokensByAccount.put(account(accountId), accessToken);
        return this;
    }

    /**
     * Registers an ad account with its token and the name {@code GET /{v}/act_{id}} answers ("Account act_…" unless
     * set; the currency is {@link #accountCurrency}'s).
     */
    public MetaMarketingFake registerAdAccount(String accountId, String accessToken, String name) {
        registerAdAccount(accountId, accessToken);
        accountNames.put(account(accountId), name);
        return this;
    }

    /** Puts an active ad of the account, pointing at a new creative of {@code pageId} without an app link. */
    public MetaMarketingFake createAd(String accountId, String adId, String pageId) {
        return createAd(accountId, adId, pageId, null);
    }

    /**
     * Puts an active ad of the account (in no ad set), pointing at a new creative of {@code pageId} whose call to
     * action opens {@code appLink} (the deep link; null for none). Such set-up creatives do not count in
     * {@link #creativesCreatedCount()}.
     */
    public MetaMarketingFake createAd(String accountId, String adId, String pageId, String appLink) {
        objects.seedAd(account(accountId), adId, pageId, appLink, clock.instant());
        return this;
    }

    /** The creative the ad points at now, or null if there is no such ad. */
    public String currentCreativeId(String adId) {
        MetaAdObjects.Ad ad = objects.ad(adId);
        return ad == null ? null : ad.creativeId();
    }

    /**
     * The deep link of the ad now: {@code object_story_spec.link_data.call_to_action.value.app_link} (or
     * {@code video_data…}) of the creative it points at; null if there is no such ad or that creative has none.
     */
    public String currentAppLink(String adId) {
        MetaAdObjects.Ad ad = objects.ad(adId);
        MetaAdObjects.Creative c = ad == null ? null : objects.creative(ad.creativeId());
        return c == null ? null : c.appLink();
    }

    /** {@code ACTIVE}, {@code PAUSED}, {@code ARCHIVED} or {@code DELETED}; null if there is no such ad. */
    public String status(String adId) {
        MetaAdObjects.Ad ad = objects.ad(adId);
        return ad == null ? null : ad.status();
    }

    /** The re-points of the ad through the API, oldest first. */
    public List<Repoint> repointHistory(String adId) {
        MetaAdObjects.Ad ad = objects.ad(adId);
        return ad == null ? List.of() : ad.history();
    }

    /** A creative's {@code object_story_spec} as JSON text, or null if there is no such creative. */
    public String creativeSpec(String creativeId) {
        MetaAdObjects.Creative c = objects.creative(creativeId);
        return c == null ? null : c.spec().toString();
    }

    /** The account's campaigns, oldest first. */
    public List<AdObject> campaigns(String accountId) {
        return objects.campaignsOf(account(accountId))
                .map(c -> new AdObject(c.id, c.name(), c.status(), null, c.createdAt)).toList();
    }

    /** The account's ad sets, oldest first; {@code parentId} is the campaign. */
    public List<AdObject> adSets(String accountId) {
        return objects.adsetsOf(account(accountId))
                .map(a -> new AdObject(a.id, a.name(), a.status(), a.campaignId, a.createdAt)).toList();
    }

    /** The account's ads (set-up ones included), oldest first; {@code parentId} is the ad set. */
    public List<AdObject> ads(String accountId) {
        return objects.adsOf(account(accountId))
                .map(a -> new AdObject(a.id, a.name(), a.status(), a.adsetId, a.createdAt)).toList();
    }

    /** The account's ad creatives (set-up ones included), oldest first. */
    public List<AdObject> adCreatives(String accountId) {
        return objects.creativesOf(account(accountId))
                .map(c -> new AdObject(c.id(), c.name(), null, null, c.createdAt())).toList();
    }

    /** The ad set an ad is in, the creative it points at and so on: any object's ad account, or null. */
    public String accountOf(String objectId) {
        return objects.accountOf(objectId);
    }

    /** Creatives created through {@code POST act_{id}/adcreatives}. */
    public long creativesCreatedCount() {
        return objects.creativesCreated();
    }

    /** Accepted re-points of an ad to another creative. */
    public long repointCount() {
        return objects.repoints();
    }

    /** Accepted ad status changes. */
    public long statusUpdateCount() {
        return objects.adStatusUpdates();
    }

    /** Batch requests received ({@code POST /} with {@code batch}). */
    public long batchCount() {
        return batches.get();
    }

    /** Operations in the batch requests received. */
    public long batchOperationCount() {
        return batchOps.get();
    }

    /**
     * From now on the account allows {@code calls} ads-management calls per {@code window} (a fixed window from the
     * first call; batch operations count one each; Insights is not counted — it has {@link #throttleInsights}). A call
     * beyond is refused with HTTP 400, code 80004 ({@link #CODE_ADS_MANAGEMENT_THROTTLED}), {@code is_transient:true},
     * and {@code X-Business-Use-Case-Usage} shows {@code call_count} as the percentage of the window used and
     * {@code estimated_time_to_regain_access} as the rest of the window in {@link #regainAccessUnit} units (minutes,
     * rounded up, as Meta). {@link #reset()} removes the limit.
     */
    public MetaMarketingFake throttleAfter(String accountId, int calls, Duration window) {
        return throttleAfter(accountId, calls, window, CODE_ADS_MANAGEMENT_THROTTLED);
    }

    /** {@link #throttleAfter(String, int, Duration)} answering another throttling code: 4, 17, 613 or 80000–80014. */
    public MetaMarketingFake throttleAfter(String accountId, int calls, Duration window, int code) {
        if (code != 4 && code != 17 && code != 613 && (code < 80000 || code > 80014)) {
            throw new IllegalArgumentException("not a Graph throttling code: " + code);
        }
        String account = account(accountId);
        limiter.limit(account, calls, window);
        throttleCodes.put(account, code);
        return this;
    }

    /**
     * What one unit of {@code estimated_time_to_regain_access} stands for: a minute, as at Meta. Test-only: with a
     * window of seconds a test sets e.g. one second here and configures its client to read the field in the same unit,
     * so a throttled run waits seconds, not minutes. Kept by {@link #reset()}, like the latency.
     */
    public MetaMarketingFake regainAccessUnit(Duration unit) {
        if (unit == null || unit.isNegative() || unit.isZero()) {
            throw new IllegalArgumentException("a positive unit is required");
        }
        this.regainAccessUnit = unit;
        return this;
    }

    /**
     * The next {@code times} creates ({@code campaigns}, {@code adsets}, {@code adcreatives}, {@code ads} — alone or
     * inside a batch) that pass validation and match {@code when} fail this way; see {@link CreateFailure}. Lets a
     * test fail "one operation in between" of a batch.
     */
    public MetaMarketingFake failNextCreate(int times, Predicate<CreateCall> when, CreateFailure failure) {
        createFailures.add(times, when, failure);
        return this;
    }

    /** {@link #failNextCreate(int, Predicate, CreateFailure)} for creates whose {@code name} contains {@code part}. */
    public MetaMarketingFake failNextCreate(String part, int times, CreateFailure failure) {
        return failNextCreate(times, c -> c.nameContains(part), failure);
    }

    /**
     * Seeds Insights: what the account reports for the ad on that day (spend in the account's currency, installs as
     * {@code actions[mobile_app_install]}). Seeding the same ad and day again replaces the figures.
     */
    public MetaMarketingFake putInsights(String accountId, String adId, LocalDate day, BigDecimal spend,
                                         long impressions, long clicks, long installs) {
        return putInsights(accountId, AdDayFigures.of(adId, day, spend, impressions, clicks, installs));
    }

    /** Seeds Insights with full figures (names, campaign, ad set, conversions). */
    public MetaMarketingFake putInsights(String accountId, AdDayFigures figures) {
        insights.put(account(accountId), figures);
        return this;
    }

    /** {@code account_currency} the Insights of the account answer (USD unless set). */
    public MetaMarketingFake accountCurrency(String accountId, String currency) {
        insights.currency(account(accountId), currency);
        return this;
    }

    /**
     * From now on, Insights answers for the account carry this usage in {@code X-Business-Use-Case-Usage}
     * ({@code call_count}, {@code estimated_time_to_regain_access} in minutes) and {@code X-Ad-Account-Usage}
     * ({@code acc_id_util_pct}); the default is 1 % and 0.
     */
    public MetaMarketingFake insightsUsage(String accountId, int percent, int etaMinutes) {
        insights.usage(account(accountId), percent, etaMinutes);
        return this;
    }

    /**
     * The next {@code times} requests to the account's {@code insights} edge are refused as throttled: HTTP 400, Graph
     * error code 80000 (ads insights, per ad account), usage headers at 100 % with {@code estimated_time_to_regain_access}
     * = {@code etaMinutes}.
     */
    public MetaMarketingFake throttleInsights(String accountId, int times, int etaMinutes) {
        String account = account(accountId);
        respondNext(times, MetaInsights.throttled(account, etaMinutes), r -> MetaInsights.isAccountEdge(r, account));
        return this;
    }

    /** How many polls of a new async report run answer {@code Job Running} before {@code Job Completed} (default 1). */
    public MetaMarketingFake asyncRunningPolls(int polls) {
        insights.runningPolls(polls);
        return this;
    }

    /** The next {@code n} async report runs end in {@code Job Failed}. */
    public MetaMarketingFake failNextAsyncRuns(int n) {
        insights.failNextRuns(n);
        return this;
    }

    /** Async report runs created ({@code POST act_{id}/insights}). */
    public long asyncRunCount() {
        return insights.runsCreated();
    }

    @Override
    public void reset() {
        super.reset();
        insights.clear();
        objects.clear();
        limiter.clear();
        throttleCodes.clear();
        createFailures.clear();
        batches.set(0);
        batchOps.set(0);
    }

    @Override
    protected boolean serves(String path) {
        return BATCH_ROOT.matcher(path).matches()
                || VERSIONED.matcher(path).matches() && !MetaFake.PATH.matcher(path).matches();
    }

    @Override
    protected Map<String, Long> stateStats() {
        Map<String, Long> s = new LinkedHashMap<>(objects.stats());
        s.put("asyncReportRuns", insights.runsCreated());
        s.put("batches", batches.get());
        s.put("batchOperations", batchOps.get());
        return s;
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        return MetaFake.scriptedAnswer(status);
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        String method = request.method();
        if (!"GET".equals(method) && !"POST".equals(method)) {
            return refuse(null, "Unsupported " + method.toLowerCase(Locale.ROOT) + " request.", 100, null,
                    "method " + method);
        }
        Map<String, String> params = request.queryParams();
        String contentType = String.valueOf(request.header("content-type")).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/json")) {
            JsonNode body = FakeJson.parseOrNull(request.body());
            if (body == null || !body.isObject()) {
                return refuse(null, "(#100) Could not parse the JSON body", 100, null, "body is not a JSON object");
            }
            body.properties().forEach(e -> params.putIfAbsent(e.getKey(),
                    e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString()));
        } else {
            IncomingRequest.parseForm(request.bodyText()).forEach(params::putIfAbsent);
        }
        Verdict denied = checkToken(params.get("access_token"));
        if (denied != null) {
            return denied;
        }
        if (BATCH_ROOT.matcher(request.path()).matches()) {
            if (!"POST".equals(method)) {
                return refuse(null, "Unsupported get request.", 100, null, "GET on the batch root");
            }
            return batch(request, params);
        }
        return route(request, method, params, params.get("access_token"), null);
    }

    private Verdict checkToken(String token) {
        if (token == null || token.isEmpty()) {
            return refuse(null, "An active access token must be used to query information about the current user.",
                    2500, null, "access_token missing");
        }
        if (!tokensByAccount.containsValue(token)) {
            return refuse(null, "Invalid OAuth access token - Cannot parse access token", 190, null,
                    "access_token unknown");
        }
        return null;
    }

    /** One Graph call (alone or a batch operation), the token already known to be valid. */
    private Verdict route(IncomingRequest request, String method, Map<String, String> params, String token,
                          BatchScope scope) {
        Matcher edge = ACCOUNT_EDGE.matcher(request.path());
        if (edge.matches()) {
            String account = edge.group(1);
            if (!token.equals(tokensByAccount.get(account))) {
                return noSuchObject(method, account);
            }
            Verdict throttled = admit(account, scope);
            if (throttled != null) {
                return throttled;
            }
            if ("GET".equals(method)) {
                return verdict(objects.list(edge.group(2), account, params, MetaInsights.selfUrl(request, params)));
            }
            return create(edge.group(2), account, params, scope);
        }
        Matcher insightsEdge = MetaInsights.EDGE.matcher(request.path());
        if (insightsEdge.matches()) {
            return insights(request, method, insightsEdge.group(1), token, params);
        }
        Matcher accountNode = ACCOUNT_NODE.matcher(request.path());
        if (accountNode.matches()) {
            return adAccount(method, accountNode.group(1), token, params.get("fields"));
        }
        Matcher node = NODE.matcher(request.path());
        if (!node.matches()) {
            String rest = request.path().replaceFirst("^/v\\d+\\.\\d+/[^/]+", "");
            return refuse(null, "Unknown path components: " + rest, 2500, null, "path not modelled: " + request.path());
        }
        String id = node.group(1);
        MetaInsights.Run run = insights.run(id);
        if (run != null && token.equals(tokensByAccount.get(run.account))) {
            if (!"GET".equals(method)) {
                return refuse(run.account, "Unsupported post request.", 100, null, "report runs are read-only");
            }
            return Verdict.accept(insights.withUsage(FakeResponse.json(200, run.poll().toString()), run.account),
                    List.of());
        }
        String account = objects.accountOf(id);
        if (account == null || !token.equals(tokensByAccount.get(account))) {
            return noSuchObject(method, id);
        }
        Verdict throttled = admit(account, scope);
        if (throttled != null) {
            return throttled;
        }
        if ("GET".equals(method)) {
            return verdict(objects.read(id, params.get("fields")));
        }
        MetaAdObjects.Creative creative = objects.creative(id);
        return verdict(creative != null ? objects.updateCreative(creative, params)
                : objects.update(id, params, clock.instant()));
    }

    /** Counts an ads-management call of the account; the throttled answer when its window is used up. */
    private Verdict admit(String account, BatchScope scope) {
        if (scope != null) {
            scope.accounts.add(account);
        }
        CallLimiter.Admission a = limiter.admit(account, clock.instant());
        if (a.allowed()) {
            return null;
        }
        int code = throttleCodes.getOrDefault(account, CODE_ADS_MANAGEMENT_THROTTLED);
        String message = code == CODE_USER_REQUEST_LIMIT ? "(#17) User request limit reached"
                : "(#" + code + ") There have been too many calls to this ad-account. Wait a bit and try again. For "
                + "more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting"
                + "#ads-management.";
        FakeResponse answer = FakeResponse.json(400, MetaFake.error(message, code, SUBCODE_THROTTLED, true, null, null));
        return Verdict.refuse(withUsage(answer, List.of(account)), "throttled (code " + code + "): " + a.used()
                + " of " + a.limit() + " calls used, window ends in " + a.retryAfter());
    }

    private Verdict create(String edge, String account, Map<String, String> params, BatchScope scope) {
        Instant now = clock.instant();
        Object prepared = switch (edge) {
            case "campaigns" -> objects.prepareCampaign(account, params, now);
            case "adsets" -> objects.prepareAdSet(account, params, now, scope == null ? null : scope.adsetCampaigns);
            case "ads" -> objects.prepareAd(account, params, now);
            default -> objects.prepareCreative(account, params, now);
        };
        if (prepared instanceof MetaAdObjects.Answer refused) {
            return verdict(refused);
        }
        MetaAdObjects.Pending pending = (MetaAdObjects.Pending) prepared;
        CreateFailure failure = createFailures.take(new CreateCall(account, pending.kind(), List.of(pending.name())));
        String what = pending.kind() + " '" + pending.name() + "'";
        if (failure == null) {
            return verdict(MetaAdObjects.Answer.ok(account,
                    FakeJson.MAPPER.createObjectNode().put("id", pending.commit().get())));
        }
        FakeResponse transientError = withUsage(FakeResponse.json(500, MetaFake.error(
                "An unexpected error has occurred. Please retry your request later.", 2, null, true, null, null)),
                List.of(account));
        return switch (failure) {
            case TRANSIENT -> Verdict.refuse(transientError, "injected transient failure of " + what);
            case INVALID_PARAMETER -> Verdict.refuse(withUsage(FakeResponse.json(400, MetaFake.error(
                    "(#100) Invalid parameter", 100, null, false, null, null)), List.of(account)),
                    "injected invalid parameter for " + what);
            case TRANSIENT_AFTER_CREATING -> new Verdict(transientError, true, "created " + what + " as "
                    + pending.commit().get() + ", then injected transient failure", List.of());
        };
    }

    /** {@code POST /} with {@code batch}: the operations in order, one answer each, HTTP 200 unless the batch is bad. */
    private Verdict batch(IncomingRequest request, Map<String, String> params) {
        batches.incrementAndGet();
        MetaBatch.Parsed parsed = MetaBatch.parse(params.get("batch"));
        if (parsed.error() != null) {
            return refuse(null, parsed.error(), 100, null, parsed.reason());
        }
        batchOps.addAndGet(parsed.ops().size());
        Matcher v = Pattern.compile("v\\d+\\.\\d+").matcher(request.path());
        String version = v.find() ? v.group() : DEFAULT_VERSION;
        BatchScope scope = new BatchScope();
        String token = params.get("access_token");
        MetaBatch.Outcome outcome = MetaBatch.run(parsed.ops(),
                (method, url, body) -> operation(request, version, method, url, body, token, scope),
                !"false".equals(params.get("include_headers")));
        FakeResponse answer = withUsage(FakeResponse.json(200, outcome.answers().toString()), scope.accounts);
        String reason = outcome.failures().isEmpty() ? null
                : outcome.failures().size() + " of " + parsed.ops().size() + " batch operations failed: "
                + String.join("; ", outcome.failures());
        return new Verdict(answer, true, reason, List.of());
    }

    /** One batch operation as a call of its own: its relative URL below the batch's version, its own token if any. */
    private Verdict operation(IncomingRequest outer, String version, String method, String relativeUrl, String body,
                              String batchToken, BatchScope scope) {
        String url = relativeUrl.startsWith("/") ? relativeUrl.substring(1) : relativeUrl;
        int q = url.indexOf('?');
        String pathPart = q < 0 ? url : url.substring(0, q);
        String path = "/" + (VERSION_PREFIX.matcher(pathPart).lookingAt() ? pathPart : version + "/" + pathPart);
        Map<String, String> headers = new LinkedHashMap<>(outer.headers());
        headers.remove("content-type");
        IncomingRequest op = new IncomingRequest(method, path, q < 0 ? null : url.substring(q + 1), headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        if (!"GET".equals(method) && !"POST".equals(method)) {
            return refuse(null, "Unsupported " + method.toLowerCase(Locale.ROOT) + " request.", 100, null,
                    "method " + method);
        }
        if (BATCH_ROOT.matcher(path).matches()) {
            return refuse(null, "(#100) A batch operation cannot be a batch", 100, null, "nested batch");
        }
        Map<String, String> params = op.queryParams();
        IncomingRequest.parseForm(body).forEach(params::putIfAbsent);
        String token = params.get("access_token");
        if (token == null || token.isEmpty()) {
            token = batchToken;
            params.put("access_token", batchToken);
        }
        Verdict denied = checkToken(token);
        return denied != null ? denied : route(op, method, params, token, scope);
    }

    /** {@code /{v}/act_{id}/insights} (GET: sync, POST: async run) or {@code /{v}/{run_id}/insights} (GET). */
    private Verdict insights(IncomingRequest request, String method, String object, String token,
                             Map<String, String> params) {
        MetaInsights.Run run = insights.run(object);
        if (run != null) {
            if (!token.equals(tokensByAccount.get(run.account))) {
                return noSuchObject(method, object);
            }
            if (!"GET".equals(method)) {
                return refuse(run.account, "Unsupported post request.", 100, null, "report run insights are read-only");
            }
            if (!run.completed()) {
                return refuse(run.account, "(#100) The report run " + object + " is not completed yet: poll it until "
                        + "async_status is Job Completed", 100, null, "report run " + object + " not completed");
            }
            MetaInsights.Checked c = MetaInsights.check(params, true);
            if (c.query() == null) {
                return refuse(run.account, c.error(), 100, null, c.reason());
            }
            return Verdict.accept(insights.withUsage(FakeResponse.json(200, insights.page(run.account,
                    run.query.fields(), run.rows, c.query().offset(), c.query().limit(),
                    MetaInsights.selfUrl(request, params)).toString()), run.account), List.of());
        }
        if (!object.startsWith("act_") || !token.equals(tokensByAccount.get(object))) {
            return noSuchObject(method, object);
        }
        MetaInsights.Checked c = MetaInsights.check(params, false);
        if (c.query() == null) {
            return Verdict.refuse(insights.withUsage(FakeResponse.json(400,
                    MetaFake.error(c.error(), 100, null, false, null, null)), object), c.reason());
        }
        if ("POST".equals(method)) {
            MetaInsights.Run created = insights.createRun(object, c.query());
            return Verdict.accept(insights.withUsage(FakeResponse.json(200, FakeJson.MAPPER.createObjectNode()
                    .put("report_run_id", created.id).toString()), object), List.of());
        }
        return Verdict.accept(insights.withUsage(FakeResponse.json(200, insights.page(object, c.query().fields(),
                insights.select(object, c.query()), c.query().offset(), c.query().limit(),
                MetaInsights.selfUrl(request, params)).toString()), object), List.of());
    }

    /**
     * {@code GET /{v}/act_{id}?fields=name,currency,account_status}: the account as its token sees it ({@code id}
     * always; status 1 = ACTIVE). An account the token does not manage is "does not exist" (100/33), as at Meta.
     */
    private Verdict adAccount(String method, String account, String token, String fields) {
        if (!token.equals(tokensByAccount.get(account))) {
            return noSuchObject(method, account);
        }
        if (!"GET".equals(method)) {
            return refuse(account, "(#100) Unsupported post request on the ad account node", 100, null,
                    "POST on an ad account node is not modelled");
        }
        ObjectNode out = FakeJson.MAPPER.createObjectNode();
        out.put("id", account);
        String wanted = fields == null || fields.isBlank() ? "account_id" : fields;
        for (String f : wanted.split(",")) {
            String field = f.trim();
            if (!ACCOUNT_FIELDS.contains(field)) {
                return refuse(account, "(#100) Tried accessing nonexisting field (" + field + ") on node type "
                        + "(AdAccount)", 100, null, "unknown ad account field " + field);
            }
            switch (field) {
                case "account_id" -> out.put(field, account.substring("act_".length()));
                case "name" -> out.put(field, accountNames.getOrDefault(account, "Account " + account));
                case "currency" -> out.put(field, insights.currencyOf(account));
                case "account_status" -> out.put(field, 1);
                default -> { }
            }
        }
        return Verdict.accept(withUsage(FakeResponse.json(200, out.toString()), List.of(account)), List.of());
    }

    private Verdict verdict(MetaAdObjects.Answer a) {
        List<String> accounts = a.account() == null ? List.of() : List.of(a.account());
        if (a.ok()) {
            return Verdict.accept(withUsage(FakeResponse.json(200, a.body().toString()), accounts), List.of());
        }
        return Verdict.refuse(withUsage(FakeResponse.json(a.status(), MetaFake.error(a.message(), a.code(),
                a.subcode(), a.isTransient(), null, null)), accounts), a.reason());
    }

    private Verdict noSuchObject(String method, String id) {
        return refuse(null, "Unsupported " + method.toLowerCase(Locale.ROOT) + " request. Object with ID '" + id
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support this "
                        + "operation.", 100, 33, "object " + id + " unknown or not in an ad account of this token");
    }

    private Verdict refuse(String account, String message, int code, Integer subcode, String reason) {
        FakeResponse answer = FakeResponse.json(400, MetaFake.error(message, code, subcode, false, null, null));
        return Verdict.refuse(withUsage(answer, account == null ? List.of() : List.of(account)), reason);
    }

    /**
     * Meta's rate-limit header for the ad accounts concerned: {@code call_count} (and the CPU and time shares, half of
     * it here) as the percentage of the account's window used — 1 without a limit — and
     * {@code estimated_time_to_regain_access} in {@link #regainAccessUnit} units once the window is used up, else 0.
     */
    private FakeResponse withUsage(FakeResponse answer, Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return answer;
        }
        ObjectNode usage = FakeJson.MAPPER.createObjectNode();
        Instant now = clock.instant();
        for (String account : accounts) {
            CallLimiter.Admission a = limiter.peek(account, now);
            int percent = a.percent();
            usage.putArray(account.substring("act_".length())).addObject()
                    .put("type", "ads_management").put("call_count", percent)
                    .put("total_cputime", Math.max(1, percent / 2)).put("total_time", Math.max(1, percent / 2))
                    .put("estimated_time_to_regain_access", a.allowed() ? 0 : regainUnits(a.retryAfter()));
        }
        return answer.withHeader("X-Business-Use-Case-Usage", usage.toString());
    }

    /** The rest of a window in regain units, rounded up: never 0 while throttled. */
    private long regainUnits(Duration rest) {
        long unit = regainAccessUnit.toNanos();
        return Math.max(1, (rest.toNanos() + unit - 1) / unit);
    }

    private static String account(String accountId) {
        return accountId.startsWith("act_") ? accountId : "act_" + accountId;
    }
}
