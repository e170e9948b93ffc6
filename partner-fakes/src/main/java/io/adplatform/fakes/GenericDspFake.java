package io.adplatform.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
 * A minimal DSP with a plain JSON API, the target of a configurable HTTP adapter: bearer token per account, ads with a
 * deep link and a status, errors as {@code application/problem+json}.
 * <ul>
 *   <li>{@code PUT /ads/{adId}/deeplink} {@code {"deeplink":"...","requestId":"..."}} → {@code {adId, deeplink}}</li>
 *   <li>{@code PUT /ads/{adId}/status} {@code {"status":"ACTIVE"|"PAUSED"}} → {@code {adId, status}}</li>
 *   <li>{@code GET /ads/{adId}} → {@code {adId, deeplink, status, updatedAt}}</li>
 * </ul>
 * {@code requestId} (optional) is the idempotency key: repeating it for the same ad and deep link answers 200 again
 * without a second change ({@link #duplicateCount()}); reusing it with another deep link is a 409.
 */
public final class GenericDspFake extends PartnerFake {

    static final Pattern AD = Pattern.compile("^/ads/([^/]+)/?$");
    static final Pattern AD_FIELD = Pattern.compile("^/ads/([^/]+)/(deeplink|status)/?$");
    static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED");

    private final Map<String, String> tokensByAccount = new ConcurrentHashMap<>();
    private final DspAds ads = new DspAds();
    /** (adId, requestId) → the deep link that request set. */
    private final Map<String, String> appliedRequests = new ConcurrentHashMap<>();
    private final AtomicLong adSeq = new AtomicLong();
    private final AtomicLong deeplinkUpdates = new AtomicLong();
    private final AtomicLong statusUpdates = new AtomicLong();

    GenericDspFake(Clock clock, int maxRecorded) {
        super("generic-dsp", clock, maxRecorded);
    }

    /** Registers an account with the bearer token allowed to manage its ads. */
    public GenericDspFake registerAccount(String accountId, String bearerToken) {
        tokensByAccount.put(accountId, bearerToken);
        return this;
    }

    /** Puts an active ad of the account with this deep link (replacing one with the same id). */
    public GenericDspFake createAd(String accountId, String adId, String deeplink) {
        ads.put(new DspAd(accountId, adId, null, deeplink, "ACTIVE", adSeq.incrementAndGet(), clock.instant()));
        return this;
    }

    /** The ad's deep link now, or null if there is no such ad. */
    public String currentDeeplink(String adId) {
        return ads.deeplink(adId);
    }

    /** {@code ACTIVE} or {@code PAUSED}; null if there is no such ad. */
    public String status(String adId) {
        return ads.status(adId);
    }

    /** The deep links set through the API, oldest first (not the one the ad was created with, nor replays). */
    public List<DeeplinkChange> deeplinkHistory(String adId) {
        return ads.history(adId);
    }

    /** Deep-link PUTs that changed an ad (idempotent replays not counted). */
    public long deeplinkUpdateCount() {
        return deeplinkUpdates.get();
    }

    /** Accepted status PUTs. */
    public long statusUpdateCount() {
        return statusUpdates.get();
    }

    @Override
    public void reset() {
        super.reset();
        ads.clear();
        appliedRequests.clear();
        deeplinkUpdates.set(0);
        statusUpdates.set(0);
    }

    @Override
    protected Map<String, Long> stateStats() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("ads", (long) ads.size());
        s.put("deeplinkUpdates", deeplinkUpdates.get());
        s.put("statusUpdates", statusUpdates.get());
        return s;
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        FakeResponse answer = problem(status, "scripted answer");
        return status == 429 ? answer.withHeader("Retry-After", "1") : answer;
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        Matcher field = AD_FIELD.matcher(request.path());
        Matcher whole = AD.matcher(request.path());
        String adId;
        String target;
        if (field.matches()) {
            adId = decode(field.group(1));
            target = field.group(2);
            if (!"PUT".equals(request.method())) {
                return refuse(problem(405, request.method() + " not allowed").withHeader("Allow", "PUT"),
                        "method " + request.method() + " on " + target);
            }
        } else if (whole.matches()) {
            adId = decode(whole.group(1));
            target = null;
            if (!"GET".equals(request.method())) {
                return refuse(problem(405, request.method() + " not allowed").withHeader("Allow", "GET"),
                        "method " + request.method() + " on an ad");
            }
        } else {
            return refuse(problem(404, "no resource at " + request.path()), "unknown path " + request.path());
        }
        String auth = request.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            return refuse(problem(401, "Bearer token required").withHeader("WWW-Authenticate", "Bearer"),
                    "Authorization: Bearer missing");
        }
        String token = auth.substring(7).strip();
        if (!tokensByAccount.containsValue(token)) {
            return refuse(problem(401, "invalid token").withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""),
                    "bearer token unknown");
        }
        DspAd ad = ads.get(adId);
        if (ad == null) {
            return refuse(problem(404, "no ad " + adId), "ad " + adId + " unknown");
        }
        if (!token.equals(tokensByAccount.get(ad.ownerId))) {
            return refuse(problem(403, "ad " + adId + " belongs to another account"),
                    "ad " + adId + " not in an account of this token");
        }
        if (target == null) {
            return Verdict.accept(ok(state(ad)), List.of());
        }
        String contentType = String.valueOf(request.header("content-type")).toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            return refuse(problem(415, "Content-Type must be application/json"), "content type " + contentType);
        }
        JsonNode body = FakeJson.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return refuse(problem(400, "body must be a JSON object"), "body is not a JSON object");
        }
        return "deeplink".equals(target) ? switchDeeplink(ad, body) : changeStatus(ad, body);
    }

    private Verdict switchDeeplink(DspAd ad, JsonNode body) {
        JsonNode link = body.get("deeplink");
        if (link == null || !link.isString() || link.stringValue().isBlank()) {
            return refuse(problem(400, "deeplink is required"), "deeplink missing");
        }
        if (!DspAd.isDeeplink(link.stringValue())) {
            return refuse(problem(400, "deeplink must be an absolute URI"),
                    "deeplink is not an absolute URI: " + link.stringValue());
        }
        JsonNode requestId = body.get("requestId");
        if (requestId != null && !requestId.isNull() && !(requestId.isString() && !requestId.stringValue().isBlank())) {
            return refuse(problem(400, "requestId must be a non-blank string"), "requestId invalid");
        }
        String deeplink = link.stringValue();
        ObjectNode answer = FakeJson.MAPPER.createObjectNode().put("adId", ad.id).put("deeplink", deeplink);
        if (requestId == null || requestId.isNull()) {
            ad.switchDeeplink(deeplink, clock.instant());
            deeplinkUpdates.incrementAndGet();
            return Verdict.accept(ok(answer), List.of());
        }
        String id = requestId.stringValue();
        String key = ad.id + '\u0000' + id;
        String earlier = appliedRequests.putIfAbsent(key, deeplink);
        if (earlier != null && !earlier.equals(deeplink)) {
            return refuse(problem(409, "requestId " + id + " was used for another deeplink"),
                    "requestId " + id + " reused with another deeplink");
        }
        if (earlier == null) {
            ad.switchDeeplink(deeplink, clock.instant());
            deeplinkUpdates.incrementAndGet();
        }
        return Verdict.accept(ok(answer), List.of(new EventKey(id, key)));
    }

    private Verdict changeStatus(DspAd ad, JsonNode body) {
        JsonNode status = body.get("status");
        if (status == null || !status.isString() || !STATUSES.contains(status.stringValue())) {
            return refuse(problem(400, "status must be ACTIVE or PAUSED"), "status missing or invalid");
        }
        ad.status(status.stringValue(), clock.instant());
        statusUpdates.incrementAndGet();
        return Verdict.accept(ok(FakeJson.MAPPER.createObjectNode().put("adId", ad.id).put("status", ad.status())),
                List.of());
    }

    private static ObjectNode state(DspAd ad) {
        Instant updated = ad.modifiedAt();
        return FakeJson.MAPPER.createObjectNode().put("adId", ad.id).put("deeplink", ad.deeplink())
                .put("status", ad.status()).put("updatedAt", updated.toString());
    }

    private static FakeResponse ok(ObjectNode body) {
        return FakeResponse.json(200, body.toString());
    }

    private static Verdict refuse(FakeResponse answer, String reason) {
        return Verdict.refuse(answer, reason);
    }

    /** RFC 9457 problem details, the error format a generic adapter can count on. */
    static FakeResponse problem(int status, String detail) {
        ObjectNode p = FakeJson.MAPPER.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title(status));
        p.put("status", status);
        p.put("detail", detail);
        return new FakeResponse(status, FakeResponse.PROBLEM_JSON, p.toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
