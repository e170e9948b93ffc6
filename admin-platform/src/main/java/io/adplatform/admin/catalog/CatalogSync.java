package io.adplatform.admin.catalog;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.admin.onboarding.steps.PeerHttp;
import io.adplatform.admin.products.Products;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.web.InternalApiConfiguration.ServiceTokenProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Copies product metadata from offline-tasks' products (which offline-tasks syncs from the upstream catalog) into our
 * {@code products} table, page by page. On demand, offline-tasks' own catalog sync is run first and awaited, so the
 * copy is as fresh as the catalog. A product's team and group are ours and never touched by a sync
 * ({@link Products#upsertFromCatalog}). One sync at a time per instance; the upsert makes overlapping ones harmless.
 */
@Service
public class CatalogSync {

    static final String JOB = "product-catalog-sync";
    private static final Set<String> PLATFORMS = Set.of("IOS", "ANDROID");
    private static final Set<String> STATUSES = Set.of("ACTIVE", "ARCHIVED");

    /** What one sync did. {@code upstreamRunId}: offline-tasks' catalog run it waited for, null when none. */
    public record Result(Long upstreamRunId, int pages, int read, int changed, int skipped) {
    }

    /** offline-tasks could not be read or its catalog sync failed. */
    public static final class CatalogUnavailable extends RuntimeException {
        CatalogUnavailable(String message) {
            super(message);
        }
    }

    private final CatalogProperties props;
    private final Products products;
    private final AuditLog audit;
    private final Clock clock;
    private final PeerHttp http;
    private final AtomicBoolean running = new AtomicBoolean();

    public CatalogSync(CatalogProperties props, Products products, AuditLog audit, Clock clock, ObjectMapper json,
                       ServiceTokenProperties token) {
        this.props = props;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
        this.http = new PeerHttp(json, props.requestTimeout(), ServiceTokenFilter.HEADER, token.serviceToken());
    }

    /**
     * Runs one sync; empty when one is already running in this instance.
     *
     * @param refreshUpstream run offline-tasks' catalog sync first and wait for it
     * @param by              the operator who asked for it; null for the scheduled pull
     */
    public java.util.Optional<Result> sync(boolean refreshUpstream, Operator by) {
        if (!running.compareAndSet(false, true)) {
            return java.util.Optional.empty();
        }
        try {
            Long runId = refreshUpstream ? refreshUpstream() : null;
            Result r = copy(runId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("read", r.read());
            details.put("changed", r.changed());
            details.put("skipped", r.skipped());
            if (runId != null) {
                details.put("upstreamRunId", runId);
            }
            if (by == null) {
                audit.recordSystem(null, "catalog.synced", "catalog", "products", null, details);
            } else {
                audit.record(by, "catalog.synced", "catalog", "products", null, details);
            }
            return java.util.Optional.of(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailable("interrupted");
        } catch (java.io.IOException e) {
            throw new CatalogUnavailable("offline-tasks unreachable: " + e);
        } finally {
            running.set(false);
        }
    }

    private long refreshUpstream() throws java.io.IOException, InterruptedException {
        URI base = props.offlineTasksUrl();
        PeerHttp.Answer t = http.send("POST", PeerHttp.join(base, "/internal/v1/jobs/" + JOB + "/runs"), null);
        if (t.status() != 202) {
            throw new CatalogUnavailable("offline-tasks refused to run " + JOB + ": " + t.describe());
        }
        long id = t.body().path("id").asLong();
        Instant deadline = clock.instant().plus(props.runTimeout());
        long maxPolls = Math.max(1, props.runTimeout().toMillis() / Math.max(1, props.runPoll().toMillis()));
        for (long polls = 1; ; polls++) {
            PeerHttp.Answer r = http.get(PeerHttp.join(base, "/internal/v1/jobs/runs/" + id));
            String status = r.body().path("status").asString();
            if (r.ok() && status.equals("SUCCEEDED")) {
                return id;
            }
            if (!r.ok() || status.equals("FAILED") || status.equals("ABANDONED")) {
                throw new CatalogUnavailable("offline-tasks' " + JOB + " run " + id + " did not succeed: "
                        + (r.ok() ? status + " " + r.body().path("error").asString() : r.describe()));
            }
            if (polls >= maxPolls || !clock.instant().isBefore(deadline)) {
                throw new CatalogUnavailable("offline-tasks' " + JOB + " run " + id + " still " + status + " after "
                        + props.runTimeout());
            }
            Thread.sleep(props.runPoll().toMillis());
        }
    }

    private Result copy(Long runId) throws java.io.IOException, InterruptedException {
        int pages = 0;
        int read = 0;
        int changed = 0;
        int skipped = 0;
        for (int offset = 0; ; offset += props.pageSize()) {
            PeerHttp.Answer page = http.get(PeerHttp.join(props.offlineTasksUrl(), "/internal/v1/products?limit="
                    + props.pageSize() + "&offset=" + offset));
            if (!page.ok() || !page.body().isArray()) {
                throw new CatalogUnavailable("offline-tasks' products unreadable at offset " + offset + ": "
                        + page.describe());
            }
            pages++;
            Instant now = clock.instant();
            for (JsonNode p : page.body()) {
                read++;
                if (!wellFormed(p)) {
                    skipped++;
                    continue;
                }
                if (products.upsertFromCatalog(p.get("appId").asString(), p.get("name").asString(),
                        p.get("platform").asString(), p.get("bundleId").asString(), text(p, "storeUrl"),
                        text(p, "iconUrl"), text(p, "category"), p.get("status").asString(), now)) {
                    changed++;
                }
            }
            if (page.body().size() < props.pageSize()) {
                return new Result(runId, pages, read, changed, skipped);
            }
        }
    }

    /** offline-tasks validates what it stores; this guards our columns (NOT NULL, lengths) against a bad row anyway. */
    private static boolean wellFormed(JsonNode p) {
        String appId = text(p, "appId");
        String name = text(p, "name");
        String bundle = text(p, "bundleId");
        return appId != null && !appId.isBlank() && appId.length() <= 128 && name != null && !name.isBlank()
                && name.length() <= 255 && bundle != null && bundle.length() <= 255
                && PLATFORMS.contains(text(p, "platform")) && STATUSES.contains(text(p, "status"))
                && (text(p, "category") == null || text(p, "category").length() <= 128);
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
