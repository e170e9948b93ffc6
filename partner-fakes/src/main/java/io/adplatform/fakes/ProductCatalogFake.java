package io.adplatform.fakes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream product catalog (our own contract, documented in docs/services/offline-tasks-scheduler.md):
 * {@code GET /v1/products?page=N&pageSize=M} with {@code Authorization: Bearer <token>} →
 * {@code {"items":[...], "page":N, "pageSize":M, "total":T, "nextPage":N+1|null}}, items ordered by {@code appId}.
 * {@code page} (default 1) must be an integer ≥ 1, {@code pageSize} (default 100) an integer in 1..500; anything else is a
 * 400, a missing or unknown token a 401, both as {@code {"error":{"code","message"}}}. Tests seed items, change them
 * between syncs, slip in malformed ones ({@link #putRaw}) and script 503s with {@link #failNext(int, int)}.
 */
public final class ProductCatalogFake extends PartnerFake {

    public static final int MAX_PAGE_SIZE = 500;
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    /** Sort key (the appId for well-formed items) → the item's JSON text, exactly as it is served. */
    private final TreeMap<String, String> items = new TreeMap<>();

    ProductCatalogFake(Clock clock, int maxRecorded) {
        super("product-catalog", clock, maxRecorded);
    }

    /** Accepts this bearer token. */
    public ProductCatalogFake registerToken(String token) {
        tokens.add(token);
        return this;
    }

    /**
     * Puts (or replaces) a well-formed product; {@code updatedAt} is the fake's clock now.
     *
     * @param platform {@code IOS} or {@code ANDROID}
     * @param status   {@code ACTIVE} or {@code ARCHIVED}
     */
    public ProductCatalogFake putProduct(String appId, String name, String platform, String bundleId, String category,
                                         String status) {
        ObjectNode item = FakeJson.MAPPER.createObjectNode();
        item.put("appId", appId);
        item.put("name", name);
        item.put("platform", platform);
        item.put("bundleId", bundleId);
        item.put("storeUrl", "IOS".equals(platform) ? "https://apps.apple.com/app/" + appId
                : "https://play.google.com/store/apps/details?id=" + appId);
        item.put("iconUrl", "https://cdn.example.com/icons/" + appId + ".png");
        item.put("category", category);
        item.put("status", status);
        item.put("updatedAt", clock.instant().toString());
        return putRaw(appId, item.toString());
    }

    /** Puts an item's JSON as is — malformed ones included — at {@code sortKey} in the catalog's order. */
    public ProductCatalogFake putRaw(String sortKey, String itemJson) {
        synchronized (items) {
            items.put(sortKey, itemJson);
        }
        return this;
    }

    /** Takes an item out of the catalog. */
    public ProductCatalogFake remove(String sortKey) {
        synchronized (items) {
            items.remove(sortKey);
        }
        return this;
    }

    public ProductCatalogFake clearProducts() {
        synchronized (items) {
            items.clear();
        }
        return this;
    }

    public int productCount() {
        synchronized (items) {
            return items.size();
        }
    }

    /** Forgets requests, counters, scripts and items; tokens stay. */
    @Override
    public void reset() {
        super.reset();
        clearProducts();
    }

    @Override
    protected Map<String, Long> stateStats() {
        return Map.of("products", (long) productCount());
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        FakeResponse answer = error(status, status >= 500 ? "unavailable" : "scripted", "scripted answer " + status);
        return status == 429 ? answer.withHeader("Retry-After", "1") : answer;
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        String path = request.path();
        if (!"/v1/products".equals(path) && !"/v1/products/".equals(path)) {
            return Verdict.refuse(error(404, "not_found", "no resource at " + path), "unknown path " + path);
        }
        if (!"GET".equals(request.method())) {
            return Verdict.refuse(error(405, "method_not_allowed", request.method() + " not allowed")
                    .withHeader("Allow", "GET"), "method " + request.method());
        }
        String auth = request.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            return Verdict.refuse(error(401, "unauthorized", "Bearer token required")
                    .withHeader("WWW-Authenticate", "Bearer"), "Authorization: Bearer missing");
        }
        if (!tokens.contains(auth.substring(7).strip())) {
            return Verdict.refuse(error(401, "unauthorized", "invalid token")
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""), "bearer token unknown");
        }
        Map<String, String> q = request.queryParams();
        Integer page = integer(q.get("page"), 1);
        if (page == null || page < 1) {
            return Verdict.refuse(error(400, "invalid_parameter", "page must be an integer >= 1"),
                    "page invalid: " + q.get("page"));
        }
        Integer pageSize = integer(q.get("pageSize"), DEFAULT_PAGE_SIZE);
        if (pageSize == null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return Verdict.refuse(error(400, "invalid_parameter", "pageSize must be an integer in 1.." + MAX_PAGE_SIZE),
                    "pageSize invalid: " + q.get("pageSize"));
        }
        List<String> all;
        synchronized (items) {
            all = new ArrayList<>(items.values());
        }
        long from = (long) (page - 1) * pageSize;
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (long i = from; i < Math.min(all.size(), from + pageSize); i++) {
            if (i > from) {
                body.append(',');
            }
            body.append(all.get((int) i));
        }
        boolean more = from + pageSize < all.size();
        body.append("],\"page\":").append(page).append(",\"pageSize\":").append(pageSize).append(",\"total\":")
                .append(all.size()).append(",\"nextPage\":").append(more ? String.valueOf(page + 1) : "null").append('}');
        return Verdict.accept(FakeResponse.json(200, body.toString()), List.of());
    }

    private static Integer integer(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static FakeResponse error(int status, String code, String message) {
        ObjectNode root = FakeJson.MAPPER.createObjectNode();
        root.putObject("error").put("code", code).put("message", message);
        return FakeResponse.json(status, root.toString());
    }

    /** Items of a served page, for the fake's own tests. */
    static List<JsonNode> itemsOf(String body) {
        JsonNode root = FakeJson.parseOrNull(body);
        List<JsonNode> out = new ArrayList<>();
        if (root != null && root.path("items") instanceof ArrayNode a) {
            a.forEach(out::add);
        }
        return out;
    }
}
