package io.adplatform.fakes;

import java.net.URI;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta Marketing API (Graph, partner-apis.md §4), served on the same host and prefix as the Conversions API:
 * form-encoded POSTs (a JSON body is taken too), {@code access_token} as form field or query parameter, Graph error JSON
 * with HTTP 400. Holds ad accounts with their token, ad creatives and ads pointing at a creative; answers
 * <ul>
 *   <li>{@code POST /{version}/act_{id}/adcreatives} — {@code name}, {@code object_story_spec} (JSON) → {@code {id}}</li>
 *   <li>{@code POST /{version}/{ad_id}} — {@code creative={"creative_id":..}} re-points the ad, {@code status},
 *       {@code name} → {@code {success:true}}</li>
 *   <li>{@code POST /{version}/{creative_id}} — only {@code name}, {@code status}, {@code adlabels}: a creative's
 *       content cannot be edited after creation, so a deep-link swap is a new creative plus a re-point</li>
 *   <li>{@code GET /{version}/{ad_id|creative_id}?fields=...} — Graph field selection, {@code creative{...}} expansion
 *       included</li>
 *   <li>Insights ({@link MetaInsights}): {@code GET /{version}/act_{id}/insights} (sync), {@code POST} it (async report
 *       run → {@code report_run_id}), {@code GET /{version}/{report_run_id}} (status), {@code GET
 *       /{version}/{report_run_id}/insights}; seeded by {@link #putInsights}, throttled by {@link #throttleInsights}</li>
 * </ul>
 * Error codes that drive a client (190 token, 100 parameter, 17 throttled, 2 transient) follow the card; subcodes and
 * message wording are this fake's choice. Answers carry {@code X-Business-Use-Case-Usage} with a low usage.
 */
public final class MetaMarketingFake extends PartnerFake {

    static final Pattern VERSIONED = Pattern.compile("^/v\\d+\\.\\d+/.*");
    static final Pattern CREATIVES_EDGE = Pattern.compile("^/v\\d+\\.\\d+/(act_\\d+)/adcreatives/?$");
    static final Pattern NODE = Pattern.compile("^/v\\d+\\.\\d+/([^/]+)/?$");
    static final Set<String> AD_STATUSES = Set.of("ACTIVE", "PAUSED", "ARCHIVED", "DELETED");
    static final Set<String> AD_FIELDS = Set.of("id", "name", "status", "configured_status", "effective_status",
            "account_id", "creative");
    static final Set<String> CREATIVE_FIELDS = Set.of("id", "name", "account_id", "object_story_spec");
    /** What may change on a creative after creation (partner-apis.md §4); anything else is refused. */
    static final Set<String> CREATIVE_EDITABLE = Set.of("name", "status", "adlabels");
    static final Set<String> AUTH_PARAMS = Set.of("access_token", "appsecret_proof");
    private static final long FIRST_CREATIVE_ID = 120_200_000_000_000L;

    /** One re-point of an ad to another creative through the API, and the deep link the new creative holds. */
    public record Repoint(String fromCreativeId, String toCreativeId, String appLink, Instant at) {
    }

    private record Creative(String id, String accountId, String name, ObjectNode spec) {

        String appLink() {
            JsonNode link = spec.at("/link_data/call_to_action/value/app_link");
            return link.isString() ? link.stringValue() : null;
        }
    }

    private static final class MetaAd {
        final String accountId;
        final String id;
        private String name;
        private String creativeId;
        private String status = "ACTIVE";
        private final List<Repoint> history = new ArrayList<>();

        MetaAd(String accountId, String id, String creativeId) {
            this.accountId = accountId;
            this.id = id;
            this.name = "Ad " + id;
            this.creativeId = creativeId;
        }

        synchronized void update(Creative to, String newStatus, String newName, Instant at) {
            if (to != null) {
                history.add(new Repoint(creativeId, to.id(), to.appLink(), at));
                creativeId = to.id();
            }
            if (newStatus != null) {
                status = newStatus;
            }
            if (newName != null) {
                name = newName;
            }
        }

        synchronized String creativeId() {
            return creativeId;
        }

        synchronized String status() {
            return status;
        }

        synchronized String name() {
            return name;
        }

        synchronized List<Repoint> history() {
            return List.copyOf(history);
        }
    }

    private final Map<String, String> tokensByAccount = new ConcurrentHashMap<>();
    private final Map<String, MetaAd> ads = new ConcurrentHashMap<>();
    private final Map<String, Creative> creatives = new ConcurrentHashMap<>();
    private final AtomicLong creativeSeq = new AtomicLong(FIRST_CREATIVE_ID);
    private final AtomicLong creativesCreated = new AtomicLong();
    private final AtomicLong repoints = new AtomicLong();
    private final AtomicLong statusUpdates = new AtomicLong();
    private final MetaInsights insights = new MetaInsights();

    MetaMarketingFake(Clock clock, int maxRecorded) {
        super("meta-marketing", clock, maxRecorded);
    }

    /** Registers an ad account ({@code act_123} or {@code 123}) with the access token allowed to manage it. */
    public MetaMarketingFake registerAdAccount(String accountId, String accessToken) {
        tokensByAccount.put(account(accountId), accessToken);
        return this;
    }

    /** Puts an active ad of the account, pointing at a new creative of {@code pageId} without an app link. */
    public MetaMarketingFake createAd(String accountId, String adId, String pageId) {
        return createAd(accountId, adId, pageId, null);
    }

    /**
     * Puts an active ad of the account, pointing at a new creative of {@code pageId} whose call to action opens
     * {@code appLink} (the deep link; null for none). Such set-up creatives do not count in
     * {@link #creativesCreatedCount()}.
     */
    public MetaMarketingFake createAd(String accountId, String adId, String pageId, String appLink) {
        String account = account(accountId);
        ObjectNode spec = FakeJson.MAPPER.createObjectNode();
        spec.put("page_id", pageId);
        ObjectNode linkData = spec.putObject("link_data");
        linkData.put("link", "https://example.com/");
        if (appLink != null) {
            ObjectNode cta = linkData.putObject("call_to_action");
            cta.put("type", "OPEN_LINK");
            cta.putObject("value").put("link", "https://example.com/").put("app_link", appLink);
        }
        Creative creative = new Creative(nextCreativeId(), account, "Creative of ad " + adId, spec);
        creatives.put(creative.id(), creative);
        ads.put(adId, new MetaAd(account, adId, creative.id()));
        return this;
    }

    /** The creative the ad points at now, or null if there is no such ad. */
    public String currentCreativeId(String adId) {
        MetaAd ad = ads.get(adId);
        return ad == null ? null : ad.creativeId();
    }

    /**
     * The deep link of the ad now: {@code object_story_spec.link_data.call_to_action.value.app_link} of the creative
     * it points at; null if there is no such ad or that creative has none.
     */
    public String currentAppLink(String adId) {
        MetaAd ad = ads.get(adId);
        Creative c = ad == null ? null : creatives.get(ad.creativeId());
        return c == null ? null : c.appLink();
    }

    /** {@code ACTIVE}, {@code PAUSED}, {@code ARCHIVED} or {@code DELETED}; null if there is no such ad. */
    public String status(String adId) {
        MetaAd ad = ads.get(adId);
        return ad == null ? null : ad.status();
    }

    /** The re-points of the ad through the API, oldest first. */
    public List<Repoint> repointHistory(String adId) {
        MetaAd ad = ads.get(adId);
        return ad == null ? List.of() : ad.history();
    }

    /** A creative's {@code object_story_spec} as JSON text, or null if there is no such creative. */
    public String creativeSpec(String creativeId) {
        Creative c = creatives.get(creativeId);
        return c == null ? null : c.spec().toString();
    }

    /** Creatives created through {@code POST act_{id}/adcreatives}. */
    public long creativesCreatedCount() {
        return creativesCreated.get();
    }

    /** Accepted re-points of an ad to another creative. */
    public long repointCount() {
        return repoints.get();
    }

    /** Accepted ad status changes. */
    public long statusUpdateCount() {
        return statusUpdates.get();
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
        ads.clear();
        creatives.clear();
        creativesCreated.set(0);
        repoints.set(0);
        statusUpdates.set(0);
    }

    @Override
    protected boolean serves(String path) {
        return VERSIONED.matcher(path).matches() && !MetaFake.PATH.matcher(path).matches();
    }

    @Override
    protected Map<String, Long> stateStats() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("ads", (long) ads.size());
        s.put("creatives", (long) creatives.size());
        s.put("creativesCreated", creativesCreated.get());
        s.put("repoints", repoints.get());
        s.put("statusUpdates", statusUpdates.get());
        s.put("asyncReportRuns", insights.runsCreated());
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
        String token = params.get("access_token");
        if (token == null || token.isEmpty()) {
            return refuse(null, "An active access token must be used to query information about the current user.",
                    2500, null, "access_token missing");
        }
        if (!tokensByAccount.containsValue(token)) {
            return refuse(null, "Invalid OAuth access token - Cannot parse access token", 190, null,
                    "access_token unknown");
        }
        Matcher edge = CREATIVES_EDGE.matcher(request.path());
        if (edge.matches()) {
            String account = edge.group(1);
            if (!token.equals(tokensByAccount.get(account))) {
                return noSuchObject(method, account);
            }
            if (!"POST".equals(method)) {
                return refuse(account, "Unsupported get request.", 100, null, "listing ad creatives is not modelled");
            }
            return createCreative(account, params);
        }
        Matcher insightsEdge = MetaInsights.EDGE.matcher(request.path());
        if (insightsEdge.matches()) {
            return insights(request, method, insightsEdge.group(1), token, params);
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
        MetaAd ad = ads.get(id);
        if (ad != null && token.equals(tokensByAccount.get(ad.accountId))) {
            return "GET".equals(method) ? readAd(ad, params.get("fields")) : updateAd(ad, params);
        }
        Creative creative = ad == null ? creatives.get(id) : null;
        if (creative != null && token.equals(tokensByAccount.get(creative.accountId()))) {
            return "GET".equals(method) ? readCreative(creative, params.get("fields")) : updateCreative(creative, params);
        }
        return noSuchObject(method, id);
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

    private Verdict createCreative(String account, Map<String, String> params) {
        String specText = params.get("object_story_spec");
        if (specText == null || specText.isBlank()) {
            return refuse(account, "(#100) The parameter object_story_spec is required", 100, null,
                    "object_story_spec missing");
        }
        JsonNode spec = FakeJson.parseOrNull(specText);
        if (spec == null || !spec.isObject()) {
            return refuse(account, "(#100) Param object_story_spec must be a JSON object", 100, null,
                    "object_story_spec is not a JSON object");
        }
        if (FakeJson.idText(spec.get("page_id")) == null) {
            return refuse(account, "(#100) object_story_spec[page_id] is required", 100, null,
                    "object_story_spec.page_id missing");
        }
        JsonNode linkData = spec.get("link_data");
        if (linkData == null || !linkData.isObject()) {
            return refuse(account, "(#100) object_story_spec must have link_data", 100, null,
                    "object_story_spec.link_data missing (the only story type modelled)");
        }
        JsonNode link = linkData.get("link");
        if (link == null || !link.isString() || !isWebUrl(link.stringValue())) {
            return refuse(account, "(#100) object_story_spec[link_data][link] must be a valid URL", 100, null,
                    "object_story_spec.link_data.link missing or not an http(s) URL");
        }
        JsonNode message = linkData.get("message");
        if (message != null && !message.isNull() && !message.isString()) {
            return refuse(account, "(#100) object_story_spec[link_data][message] must be a string", 100, null,
                    "object_story_spec.link_data.message is not a string");
        }
        String problem = checkCallToAction(linkData.get("call_to_action"));
        if (problem != null) {
            return refuse(account, "(#100) object_story_spec[link_data][call_to_action]" + problem, 100, null,
                    "object_story_spec.link_data.call_to_action" + problem);
        }
        String name = params.get("name");
        Creative creative = new Creative(nextCreativeId(), account, name, (ObjectNode) spec);
        creatives.put(creative.id(), creative);
        creativesCreated.incrementAndGet();
        ObjectNode ok = FakeJson.MAPPER.createObjectNode().put("id", creative.id());
        return accept(account, ok);
    }

    private static String checkCallToAction(JsonNode cta) {
        if (cta == null || cta.isNull()) {
            return null;
        }
        if (!cta.isObject()) {
            return " must be an object";
        }
        JsonNode type = cta.get("type");
        if (type == null || !type.isString() || type.stringValue().isBlank()) {
            return "[type] is required";
        }
        JsonNode value = cta.get("value");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            return "[value] must be an object";
        }
        JsonNode link = value.get("link");
        if (link != null && !link.isNull() && !(link.isString() && isWebUrl(link.stringValue()))) {
            return "[value][link] must be a valid URL";
        }
        JsonNode appLink = value.get("app_link");
        if (appLink != null && !appLink.isNull() && !(appLink.isString() && DspAd.isDeeplink(appLink.stringValue()))) {
            return "[value][app_link] must be a valid deep link (an absolute URI)";
        }
        return null;
    }

    private Verdict updateAd(MetaAd ad, Map<String, String> params) {
        String account = ad.accountId;
        if ("DELETED".equals(ad.status())) {
            return refuse(account, "(#100) Cannot edit a deleted ad", 100, null, "ad " + ad.id + " is deleted");
        }
        String creativeParam = params.get("creative");
        String status = params.get("status");
        String name = params.get("name");
        if (creativeParam == null && status == null && name == null) {
            return refuse(account, "(#100) Nothing to update: pass creative, status or name", 100, null,
                    "no creative, status or name to update");
        }
        if (status != null && !AD_STATUSES.contains(status)) {
            return refuse(account, "(#100) Param status must be one of {ACTIVE, PAUSED, DELETED, ARCHIVED}", 100, null,
                    "status " + status + " invalid");
        }
        Creative target = null;
        if (creativeParam != null) {
            JsonNode c = FakeJson.parseOrNull(creativeParam);
            String creativeId = c != null && c.isObject() ? FakeJson.idText(c.get("creative_id")) : null;
            if (creativeId == null) {
                return refuse(account, "(#100) Param creative must be a JSON object with a creative_id", 100, null,
                        "creative is not {\"creative_id\":...}");
            }
            target = creatives.get(creativeId);
            if (target == null || !target.accountId().equals(account)) {
                return refuse(account, "(#100) Ad creative " + creativeId + " does not exist in ad account " + account,
                        100, null, "creative " + creativeId + " not in " + account);
            }
        }
        ad.update(target, status, name, clock.instant());
        if (target != null) {
            repoints.incrementAndGet();
        }
        if (status != null) {
            statusUpdates.incrementAndGet();
        }
        return accept(account, FakeJson.MAPPER.createObjectNode().put("success", true));
    }

    private Verdict updateCreative(Creative creative, Map<String, String> params) {
        String account = creative.accountId();
        List<String> locked = params.keySet().stream()
                .filter(k -> !CREATIVE_EDITABLE.contains(k) && !AUTH_PARAMS.contains(k)).sorted().toList();
        if (!locked.isEmpty()) {
            return refuse(account, "(#100) An ad creative cannot be edited after creation: only name, status and "
                            + "adlabels can change. Create a new ad creative and point the ad at it.", 100, null,
                    "creative fields cannot be edited after creation: " + String.join(", ", locked));
        }
        if (params.containsKey("name")) {
            creatives.computeIfPresent(creative.id(),
                    (id, c) -> new Creative(id, c.accountId(), params.get("name"), c.spec()));
        }
        return accept(account, FakeJson.MAPPER.createObjectNode().put("success", true));
    }

    private Verdict readAd(MetaAd ad, String fieldsParam) {
        Map<String, String> fields = parseFields(fieldsParam);
        if (fields == null) {
            return refuse(ad.accountId, "(#100) Syntax error in fields", 100, null, "fields malformed: " + fieldsParam);
        }
        String unknown = unknownField(fields, AD_FIELDS);
        if (unknown == null && fields.get("creative") != null) {
            Map<String, String> sub = parseFields(fields.get("creative"));
            unknown = sub == null ? fields.get("creative") : unknownField(sub, CREATIVE_FIELDS);
            if (unknown != null) {
                return nonexistingField(ad.accountId, unknown, "AdCreative");
            }
        }
        if (unknown != null) {
            return nonexistingField(ad.accountId, unknown, "Adgroup");
        }
        ObjectNode out = FakeJson.MAPPER.createObjectNode();
        out.put("id", ad.id);
        String creativeId = ad.creativeId();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            switch (f.getKey()) {
                case "name" -> out.put("name", ad.name());
                case "status", "configured_status", "effective_status" -> out.put(f.getKey(), ad.status());
                case "account_id" -> out.put("account_id", ad.accountId.substring("act_".length()));
                case "creative" -> {
                    Creative c = creatives.get(creativeId);
                    if (f.getValue() == null || c == null) {
                        out.putObject("creative").put("id", creativeId);
                    } else {
                        out.set("creative", renderCreative(c, parseFields(f.getValue())));
                    }
                }
                default -> { }
            }
        }
        return accept(ad.accountId, out);
    }

    private Verdict readCreative(Creative creative, String fieldsParam) {
        Map<String, String> fields = parseFields(fieldsParam);
        if (fields == null) {
            return refuse(creative.accountId(), "(#100) Syntax error in fields", 100, null,
                    "fields malformed: " + fieldsParam);
        }
        String unknown = unknownField(fields, CREATIVE_FIELDS);
        if (unknown != null) {
            return nonexistingField(creative.accountId(), unknown, "AdCreative");
        }
        return accept(creative.accountId(), renderCreative(creative, fields));
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

    /**
     * Graph's {@code fields} list, {@code a,b{c,d}} → {a:null, b:"c,d"}; empty when absent (Graph then answers the id
     * only); null when the braces do not balance.
     */
    static Map<String, String> parseFields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ',';
            if (ch == '{') {
                depth++;
            } else if (ch == '}') {
                if (--depth < 0) {
                    return null;
                }
            } else if (ch == ',' && depth == 0) {
                String part = text.substring(start, i).strip();
                start = i + 1;
                if (part.isEmpty()) {
                    continue;
                }
                int brace = part.indexOf('{');
                if (brace < 0) {
                    out.put(part, null);
                } else if (part.endsWith("}")) {
                    out.put(part.substring(0, brace).strip(), part.substring(brace + 1, part.length() - 1));
                } else {
                    return null;
                }
            }
        }
        return depth == 0 ? out : null;
    }

    private static String unknownField(Map<String, String> fields, Set<String> known) {
        return fields.keySet().stream().filter(f -> !known.contains(f)).findFirst().orElse(null);
    }

    private Verdict nonexistingField(String account, String field, String nodeType) {
        return refuse(account, "(#100) Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")",
                100, null, "field " + field + " unknown on " + nodeType);
    }

    private Verdict noSuchObject(String method, String id) {
        return refuse(null, "Unsupported " + method.toLowerCase(Locale.ROOT) + " request. Object with ID '" + id
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support this "
                        + "operation.", 100, 33, "object " + id + " unknown or not in an ad account of this token");
    }

    private Verdict accept(String account, ObjectNode body) {
        return Verdict.accept(withUsage(FakeResponse.json(200, body.toString()), account), List.of());
    }

    private Verdict refuse(String account, String message, int code, Integer subcode, String reason) {
        FakeResponse answer = FakeResponse.json(400, MetaFake.error(message, code, subcode, false, null, null));
        return Verdict.refuse(withUsage(answer, account), reason);
    }

    /** Meta's rate-limit header for the account concerned; a low, steady usage (throttling is scripted). */
    private static FakeResponse withUsage(FakeResponse answer, String account) {
        if (account == null) {
            return answer;
        }
        ObjectNode usage = FakeJson.MAPPER.createObjectNode();
        usage.putArray(account.substring("act_".length())).addObject()
                .put("type", "ads_management").put("call_count", 1).put("total_cputime", 1).put("total_time", 1)
                .put("estimated_time_to_regain_access", 0);
        return answer.withHeader("X-Business-Use-Case-Usage", usage.toString());
    }

    private String nextCreativeId() {
        return String.valueOf(creativeSeq.incrementAndGet());
    }

    private static String account(String accountId) {
        return accountId.startsWith("act_") ? accountId : "act_" + accountId;
    }

    private static boolean isWebUrl(String value) {
        if (!DspAd.isDeeplink(value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
