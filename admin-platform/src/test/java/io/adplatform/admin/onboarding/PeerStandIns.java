package io.adplatform.admin.onboarding;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.adplatform.admin.support.Operators;
import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Local HTTP servers standing in for our peer services in admin-platform's tests: ingestion-service (apps),
 * attribution-callback-service (partner settings), new-device-service (activation-pool registration) and offline-tasks
 * (products, jobs and runs, dashboards). Each checks {@code X-Service-Token} and the request as the peer's real API does
 * (paths, methods, required fields, its 201/202/409/400/404 answers) and keeps the state an effect leaves, so tests can
 * count effects. The real services are not started in-process: each brings its own {@code application.yml} (same
 * resource name on one classpath) and offline-tasks needs a ClickHouse engine; these stand-ins follow their
 * controllers ({@code AppsController}, {@code SettingsController}, {@code ActivationPoolController#register},
 * {@code JobsController}, {@code ProductsController}, {@code DashboardsController}).
 */
public final class PeerStandIns {

    private static final Pattern APP = Pattern.compile("^/internal/v1/apps/([^/]+)(/enable)?$");
    private static final Pattern PARTNERS = Pattern.compile("^/internal/v1/products/([^/]+)/partners(?:/([a-z]+))?$");
    private static final Pattern POOL_APP = Pattern.compile("^/internal/v1/activation-pool/apps/([^/]+)$");
    private static final Pattern JOB_RUNS = Pattern.compile("^/internal/v1/jobs/([a-z0-9-]+)/runs$");
    private static final Pattern RUN = Pattern.compile("^/internal/v1/jobs/runs/(\\d+)$");
    private static final Map<String, Set<String>> JOB_PARAMETERS = Map.of(
            "product-catalog-sync", Set.of(),
            "media-reports", Set.of("days", "from", "to", "account", "product"),
            "product-dashboards", Set.of("product", "dashboard", "days"));

    /** A peer's state an effect leaves. */
    public record App(String appId, String platform, boolean enabled) {
    }

    private final HttpServer ingestion;
    private final HttpServer attribution;
    private final HttpServer newDevice;
    private final HttpServer offlineTasks;

    public final Map<String, App> apps = new ConcurrentHashMap<>();
    public final AtomicInteger appRegistrations = new AtomicInteger();
    /** product → partner (APPSFLYER...) → settings view. */
    public final Map<String, Map<String, ObjectNode>> partnerSettings = new ConcurrentHashMap<>();
    public final Map<String, Integer> poolApps = new ConcurrentHashMap<>();
    public final AtomicInteger poolRegistrations = new AtomicInteger();
    public final Map<Long, ObjectNode> runs = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> runPolls = new ConcurrentHashMap<>();
    private final AtomicLong runSeq = new AtomicLong(1000);
    /** offline-tasks' products table, by app id. */
    public final TreeMap<String, ObjectNode> catalog = new TreeMap<>();
    /** Path prefix → answers to give instead (status), consumed in order. */
    private final Map<String, List<Integer>> failures = new ConcurrentHashMap<>();
    public final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    private PeerStandIns() throws IOException {
        ingestion = server(this::ingestion);
        attribution = server(this::attribution);
        newDevice = server(this::newDevice);
        offlineTasks = server(this::offlineTasks);
    }

    public static PeerStandIns start() {
        try {
            return new PeerStandIns();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String ingestionUrl() {
        return url(ingestion);
    }

    public String attributionUrl() {
        return url(attribution);
    }

    public String newDeviceUrl() {
        return url(newDevice);
    }

    public String offlineTasksUrl() {
        return url(offlineTasks);
    }

    /** The next {@code n} requests whose path starts with {@code prefix} are answered {@code status}, doing nothing. */
    public void failNext(String prefix, int n, int status) {
        List<Integer> l = failures.computeIfAbsent(prefix, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
        for (int i = 0; i < n; i++) {
            l.add(status);
        }
    }

    /** Settings as an operator would have put them at attribution-callback-service (secret masked). */
    public void putPartnerSettings(String product, String partner, Map<String, String> config, boolean enabled) {
        ObjectNode v = EventJson.mapper().createObjectNode();
        v.put("productId", product).put("partner", partner).put("enabled", enabled).put("secret", "abcd****");
        ObjectNode c = v.putObject("config");
        config.forEach(c::put);
        partnerSettings.computeIfAbsent(product, k -> new ConcurrentHashMap<>()).put(partner, v);
    }

    public void putCatalogProduct(String appId, String name, String platform, String status) {
        ObjectNode p = EventJson.mapper().createObjectNode();
        p.put("appId", appId).put("name", name).put("platform", platform).put("bundleId", appId)
                .put("storeUrl", "https://play.google.com/store/apps/details?id=" + appId)
                .put("iconUrl", "https://cdn.example.com/" + appId + ".png").put("category", "GAME")
                .put("status", status).put("upstreamStatus", status).put("version", 1)
                .put("createdAt", "2026-01-01T00:00:00Z").put("syncedAt", "2026-01-01T00:00:00Z");
        synchronized (catalog) {
            catalog.put(appId, p);
        }
    }

    public List<ObjectNode> runsOf(String job) {
        return runs.values().stream().filter(r -> job.equals(r.get("job").asString())).toList();
    }

    public void close() {
        for (HttpServer s : List.of(ingestion, attribution, newDevice, offlineTasks)) {
            s.stop(0);
        }
    }

    // --- ingestion-service: AppsController

    private Answer ingestion(String method, String path, Map<String, String> q, JsonNode body) {
        if (path.equals("/internal/v1/apps") && method.equals("POST")) {
            List<String[]> errors = new ArrayList<>();
            String appId = text(body, "appId");
            String platform = text(body, "platform");
            if (appId == null || appId.isBlank()) {
                errors.add(new String[] {"appId", "is required"});
            }
            if (platform == null || !Set.of("IOS", "ANDROID").contains(platform.trim().toUpperCase())) {
                errors.add(new String[] {"platform", "must be IOS or ANDROID"});
            }
            if (!errors.isEmpty()) {
                return problem(400, "invalid request", errors);
            }
            if (apps.putIfAbsent(appId, new App(appId, platform.toUpperCase(), true)) != null) {
                return problem(409, "an app with this id is already registered", List.of());
            }
            appRegistrations.incrementAndGet();
            return json(201, view(apps.get(appId)).put("secret", "s3cr3t-" + appId));
        }
        Matcher m = APP.matcher(path);
        if (m.matches()) {
            App app = apps.get(decode(m.group(1)));
            if (app == null) {
                return problem(404, "no app " + decode(m.group(1)), List.of());
            }
            if (m.group(2) == null && method.equals("GET")) {
                return json(200, view(app));
            }
            if (m.group(2) != null && method.equals("POST")) {
                App enabled = new App(app.appId(), app.platform(), true);
                apps.put(app.appId(), enabled);
                return json(200, view(enabled));
            }
        }
        return problem(404, "no handler for " + method + " " + path, List.of());
    }

    private static ObjectNode view(App app) {
        ObjectNode o = EventJson.mapper().createObjectNode();
        return o.put("appId", app.appId()).put("platform", app.platform()).put("enabled", app.enabled())
                .put("secretHint", "s3cr…");
    }

    // --- attribution-callback-service: SettingsController

    private Answer attribution(String method, String path, Map<String, String> q, JsonNode body) {
        Matcher m = PARTNERS.matcher(path);
        if (!m.matches()) {
            return problem(404, "no handler for " + path, List.of());
        }
        String product = decode(m.group(1));
        Map<String, ObjectNode> mine = partnerSettings.getOrDefault(product, Map.of());
        if (m.group(2) == null && method.equals("GET")) {
            ArrayNode a = EventJson.mapper().createArrayNode();
            new TreeMap<>(mine).values().forEach(a::add);
            return json(200, a);
        }
        if (m.group(2) != null && method.equals("PUT")) {
            String partner = m.group(2).toUpperCase();
            String required = switch (partner) {
                case "APPSFLYER" -> "appId";
                case "META" -> "datasetId";
                case "TIKTOK" -> "eventSourceId";
                default -> null;
            };
            if (required == null) {
                return problem(404, "no partner " + m.group(2), List.of());
            }
            if (text(body, required) == null || text(body, required).isBlank()) {
                return problem(400, "invalid", List.of(new String[][] {{required, "must not be blank"}}));
            }
            String secretField = partner.equals("APPSFLYER") ? "s2sKey" : "accessToken";
            if (text(body, secretField) == null && !mine.containsKey(partner)) {
                return problem(400, "invalid", List.of(new String[][] {{secretField, "is required when the settings are created"}}));
            }
            Map<String, String> config = new LinkedHashMap<>();
            body.properties().forEach(e -> {
                if (!Set.of("enabled", secretField).contains(e.getKey()) && !e.getValue().isNull()) {
                    config.put(e.getKey(), e.getValue().asString());
                }
            });
            boolean enabled = !body.has("enabled") || body.get("enabled").isNull() || body.get("enabled").asBoolean();
            putPartnerSettings(product, partner, config, enabled);
            return json(200, partnerSettings.get(product).get(partner));
        }
        return problem(405, method + " not allowed", List.of());
    }

    // --- new-device-service: ActivationPoolController (registration)

    private Answer newDevice(String method, String path, Map<String, String> q, JsonNode body) {
        Matcher m = POOL_APP.matcher(path);
        if (!m.matches() || !method.equals("PUT")) {
            return problem(404, "no handler for " + method + " " + path, List.of());
        }
        String app = decode(m.group(1));
        if (poolApps.putIfAbsent(app, 16) == null) {
            poolRegistrations.incrementAndGet();
        }
        ObjectNode o = EventJson.mapper().createObjectNode();
        return json(200, o.put("appId", app).put("bucketBits", poolApps.get(app)));
    }

    // --- offline-tasks: JobsController, ProductsController, DashboardsController

    private Answer offlineTasks(String method, String path, Map<String, String> q, JsonNode body) {
        if (path.equals("/internal/v1/products") && method.equals("GET")) {
            int limit = intParam(q, "limit", 100);
            int offset = intParam(q, "offset", 0);
            List<String[]> errors = new ArrayList<>();
            if (limit < 1 || limit > 1000) {
                errors.add(new String[] {"limit", "must be between 1 and 1000"});
            }
            if (offset < 0) {
                errors.add(new String[] {"offset", "must not be negative"});
            }
            if (!errors.isEmpty()) {
                return problem(400, "invalid", errors);
            }
            ArrayNode a = EventJson.mapper().createArrayNode();
            synchronized (catalog) {
                catalog.values().stream().skip(offset).limit(limit).forEach(a::add);
            }
            return json(200, a);
        }
        if (path.startsWith("/internal/v1/dashboards/") && method.equals("GET")) {
            String name = path.substring("/internal/v1/dashboards/".length());
            if (!Set.of("products", "dsp", "callbacks").contains(name)) {
                return problem(404, "no dashboard " + name, List.of());
            }
            List<String[]> errors = new ArrayList<>();
            for (String p : List.of("products", "from", "to")) {
                if (q.get(p) == null || q.get(p).isBlank()) {
                    errors.add(new String[] {p, "is required"});
                }
            }
            if (!errors.isEmpty()) {
                return problem(400, "invalid", errors);
            }
            ObjectNode o = EventJson.mapper().createObjectNode();
            o.putArray("products").add(q.get("products"));
            return json(200, o.put("from", q.get("from")).put("to", q.get("to")));
        }
        Matcher jr = JOB_RUNS.matcher(path);
        if (jr.matches()) {
            String job = jr.group(1);
            if (!JOB_PARAMETERS.containsKey(job)) {
                return problem(404, "no job " + job, List.of());
            }
            if (method.equals("GET")) {
                ArrayNode a = EventJson.mapper().createArrayNode();
                runs.values().stream().filter(r -> job.equals(r.get("job").asString()))
                        .sorted((x, y) -> Long.compare(y.get("id").asLong(), x.get("id").asLong()))
                        .limit(intParam(q, "limit", 20)).forEach(a::add);
                return json(200, a);
            }
            if (method.equals("POST")) {
                ObjectNode params = EventJson.mapper().createObjectNode();
                if (body != null && body.has("parameters")) {
                    for (var e : body.get("parameters").properties()) {
                        if (!e.getValue().isString()) {
                            return problem(400, "invalid", List.of(new String[][] {{"parameters." + e.getKey(), "must be a string"}}));
                        }
                        params.put(e.getKey(), e.getValue().asString());
                    }
                }
                ObjectNode run = EventJson.mapper().createObjectNode();
                long id = runSeq.incrementAndGet();
                run.put("id", id).put("job", job).put("trigger", "MANUAL").put("status", "QUEUED");
                run.set("parameters", params);
                runs.put(id, run);
                runPolls.put(id, new AtomicInteger());
                return new Answer(202, run.toString());
            }
        }
        Matcher r = RUN.matcher(path);
        if (r.matches() && method.equals("GET")) {
            long id = Long.parseLong(r.group(1));
            ObjectNode run = runs.get(id);
            if (run == null) {
                return problem(404, "no run " + id, List.of());
            }
            // The job runs in the background: running at the first look, done at the second.
            int polls = runPolls.get(id).incrementAndGet();
            synchronized (run) {
                String job = run.get("job").asString();
                Set<String> known = JOB_PARAMETERS.get(job);
                List<String> unknown = new ArrayList<>();
                run.get("parameters").propertyNames().forEach(n -> {
                    if (!known.contains(n)) {
                        unknown.add(n);
                    }
                });
                if (!unknown.isEmpty()) {
                    run.put("status", "FAILED").put("error", "bad run parameters: " + unknown + " unknown");
                } else if (polls == 1) {
                    run.put("status", "RUNNING");
                } else if (!run.get("status").asString().equals("FAILED")) {
                    run.put("status", "SUCCEEDED").put("summary", job + " for "
                            + run.get("parameters").path("product").asString("all") + ": done");
                }
            }
            return json(200, run);
        }
        return problem(404, "no handler for " + method + " " + path, List.of());
    }

    // --- plumbing

    private record Answer(int status, String body) {
    }

    private interface Handler {
        Answer handle(String method, String path, Map<String, String> query, JsonNode body);
    }

    private HttpServer server(Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        s.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getRawPath();
                String method = ex.getRequestMethod();
                requests.add(method + " " + path);
                if (!Operators.SERVICE_TOKEN.equals(ex.getRequestHeaders().getFirst("X-Service-Token"))) {
                    send(ex, problem(401, "missing or wrong X-Service-Token", List.of()));
                    return;
                }
                for (var f : failures.entrySet()) {
                    if (path.startsWith(f.getKey()) && !f.getValue().isEmpty()) {
                        send(ex, problem(f.getValue().remove(0), "scripted failure", List.of()));
                        return;
                    }
                }
                byte[] raw = ex.getRequestBody().readAllBytes();
                JsonNode body = raw.length == 0 ? null : EventJson.mapper().readTree(raw);
                send(ex, handler.handle(method, path, query(ex.getRequestURI().getRawQuery()), body));
            } catch (RuntimeException e) {
                send(ex, problem(500, "stand-in failed: " + e, List.of()));
            }
        });
        s.start();
        return s;
    }

    private static void send(HttpExchange ex, Answer a) throws IOException {
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", a.status() >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(a.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Answer json(int status, JsonNode body) {
        return new Answer(status, body.toString());
    }

    private static Answer problem(int status, String detail, List<String[]> errors) {
        ObjectNode o = EventJson.mapper().createObjectNode();
        o.put("type", "about:blank").put("status", status).put("detail", detail);
        ArrayNode a = o.putArray("errors");
        errors.forEach(e -> a.addObject().put("field", e[0]).put("message", e[1]));
        return new Answer(status, o.toString());
    }

    private static String text(JsonNode body, String field) {
        return body == null || !body.hasNonNull(field) ? null : body.get(field).asString();
    }

    private static int intParam(Map<String, String> q, String name, int fallback) {
        try {
            return q.containsKey(name) ? Integer.parseInt(q.get(name)) : fallback;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }
}
