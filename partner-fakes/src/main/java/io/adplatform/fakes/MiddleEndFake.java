package io.adplatform.fakes;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user center and the finance center (the "middle ends" of seed 000 §3/§5), as the admin platform's onboarding
 * sees them, with {@code Authorization: Bearer <token>}:
 * <ul>
 *   <li>{@code GET /{center}/v1/apps/{appId}/integration} → {@code {"appId","center","integrated":bool}}</li>
 *   <li>{@code POST /{center}/v1/apps/{appId}/data-tasks} with {@code {"appId":"..."}} (must match the path) → 201
 *       {@code {"taskId","appId","center","status":"RUNNING"}} the first time, 200 with the same task after: idempotent
 *       by app id. 409 when the app is not integrated.</li>
 * </ul>
 * {@code center} is {@code user-center} or {@code finance-center}. Errors: {@code {"error":{"code","message"}}}.
 */
public final class MiddleEndFake extends PartnerFake {

    public static final Set<String> CENTERS = Set.of("user-center", "finance-center");
    private static final Pattern PATH = Pattern.compile("^/([a-z-]+)/v1/apps/([^/]+)/(integration|data-tasks)$");

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> integrated = ConcurrentHashMap.newKeySet();
    /** center + "/" + appId → task id. */
    private final Map<String, String> tasks = new ConcurrentHashMap<>();
    private final AtomicLong taskSeq = new AtomicLong();

    MiddleEndFake(Clock clock, int maxRecorded) {
        super("middle-end", clock, maxRecorded);
    }

    public MiddleEndFake registerToken(String token) {
        tokens.add(token);
        return this;
    }

    /** The app's SDK reports to this center from now on. */
    public MiddleEndFake integrate(String center, String appId) {
        requireCenter(center);
        integrated.add(center + "/" + appId);
        return this;
    }

    /** The data task started for the app at the center, or null. */
    public String dataTask(String center, String appId) {
        return tasks.get(center + "/" + appId);
    }

    /** Data tasks created (not answered again) so far, all centers and apps. */
    public long dataTasksCreated() {
        return taskSeq.get();
    }

    @Override
    public void reset() {
        super.reset();
        integrated.clear();
        tasks.clear();
    }

    @Override
    protected Map<String, Long> stateStats() {
        return Map.of("dataTasks", (long) tasks.size());
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        return ProductCatalogFake.error(status, status >= 500 ? "unavailable" : "scripted", "scripted answer " + status);
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches() || !CENTERS.contains(m.group(1))) {
            return Verdict.refuse(ProductCatalogFake.error(404, "not_found", "no resource at " + request.path()),
                    "unknown path " + request.path());
        }
        String center = m.group(1);
        String appId = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
        boolean integration = m.group(3).equals("integration");
        String method = integration ? "GET" : "POST";
        if (!method.equals(request.method())) {
            return Verdict.refuse(ProductCatalogFake.error(405, "method_not_allowed", request.method() + " not allowed")
                    .withHeader("Allow", method), "method " + request.method());
        }
        String auth = request.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || !tokens.contains(auth.substring(7).strip())) {
            return Verdict.refuse(ProductCatalogFake.error(401, "unauthorized", "valid Bearer token required"),
                    "bearer token missing or unknown");
        }
        String key = center + "/" + appId;
        if (integration) {
            ObjectNode o = FakeJson.MAPPER.createObjectNode();
            o.put("appId", appId).put("center", center).put("integrated", integrated.contains(key));
            return Verdict.accept(FakeResponse.json(200, o.toString()), List.of());
        }
        var body = FakeJson.parseOrNull(request.bodyText());
        if (body == null || !body.isObject() || !appId.equals(body.path("appId").asString(null))) {
            return Verdict.refuse(ProductCatalogFake.error(400, "invalid_body", "body must be {\"appId\":\"" + appId
                    + "\"}"), "body missing or appId not the path's");
        }
        if (!integrated.contains(key)) {
            return Verdict.refuse(ProductCatalogFake.error(409, "not_integrated", appId + " is not integrated with "
                    + center), "not integrated");
        }
        boolean[] created = {false};
        String taskId = tasks.computeIfAbsent(key, k -> {
            created[0] = true;
            return center + "-task-" + taskSeq.incrementAndGet();
        });
        ObjectNode o = FakeJson.MAPPER.createObjectNode();
        o.put("taskId", taskId).put("appId", appId).put("center", center).put("status", "RUNNING");
        return Verdict.accept(FakeResponse.json(created[0] ? 201 : 200, o.toString()), List.of());
    }

    private static void requireCenter(String center) {
        if (!CENTERS.contains(center)) {
            throw new IllegalArgumentException("center must be one of " + CENTERS);
        }
    }
}
