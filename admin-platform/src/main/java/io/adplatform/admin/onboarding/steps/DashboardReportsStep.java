package io.adplatform.admin.onboarding.steps;

import io.adplatform.admin.onboarding.OnboardingStep;
import io.adplatform.admin.onboarding.ProductDashboards;
import io.adplatform.admin.onboarding.StepContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * (f) The asynchronous dashboard jobs: one run of offline-tasks' {@code product-dashboards} job per dashboard of the
 * product, polled until done; each run's id is the report id stored with the dashboard. A re-run (crash, retry) first
 * looks for the product's run that is queued, running or done, and only starts one when there is none, so each
 * dashboard gets one report.
 */
public final class DashboardReportsStep implements OnboardingStep {

    public static final String NAME = "dashboard-reports";
    static final String JOB = "product-dashboards";

    /** Waits between polls; tests pass one that does not wait long. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final PeerHttp http;
    private final URI offlineTasks;
    private final ProductDashboards dashboards;
    private final Clock clock;
    private final Duration timeout;
    private final Duration poll;
    private final int days;
    private final Sleeper sleeper;

    public DashboardReportsStep(PeerHttp http, URI offlineTasks, ProductDashboards dashboards, Clock clock,
                                Duration timeout, Duration poll, int days, Sleeper sleeper) {
        this.http = http;
        this.offlineTasks = offlineTasks;
        this.dashboards = dashboards;
        this.clock = clock;
        this.timeout = timeout;
        this.poll = poll;
        this.days = days;
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> run(StepContext ctx) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (var d : dashboards.of(ctx.appId())) {
            long runId = existingRun(ctx.appId(), d.name());
            if (runId < 0) {
                PeerHttp.Answer t = http.send("POST", PeerHttp.join(offlineTasks, "/internal/v1/jobs/" + JOB + "/runs"),
                        Map.of("parameters", Map.of("product", ctx.appId(), "dashboard", d.name(),
                                "days", Integer.toString(days))));
                if (t.status() != 202) {
                    throw new IllegalStateException("offline-tasks: starting " + JOB + " refused, " + t.describe());
                }
                runId = t.body().path("id").asLong();
            }
            JsonNode run = await(runId);
            dashboards.storeReport(ctx.appId(), d.name(), Long.toString(runId), run.path("summary").asString(),
                    clock.instant());
            out.put(d.name(), Long.toString(runId));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the product has no dashboards defined (step dashboards)");
        }
        return out;
    }

    /** The product's run for this dashboard that is not failed, newest first; -1 when there is none. */
    private long existingRun(String appId, String dashboard) throws Exception {
        PeerHttp.Answer runs = http.get(PeerHttp.join(offlineTasks, "/internal/v1/jobs/" + JOB + "/runs?limit=500"));
        if (!runs.ok() || !runs.body().isArray()) {
            throw new IllegalStateException("offline-tasks: " + JOB + " runs unreadable, " + runs.describe());
        }
        for (JsonNode r : runs.body()) {
            String status = r.path("status").asString();
            if (appId.equals(r.path("parameters").path("product").asString())
                    && dashboard.equals(r.path("parameters").path("dashboard").asString())
                    && (status.equals("QUEUED") || status.equals("RUNNING") || status.equals("SUCCEEDED"))) {
                return r.path("id").asLong();
            }
        }
        return -1;
    }

    private JsonNode await(long runId) throws Exception {
        Instant deadline = clock.instant().plus(timeout);
        long polls = 0;
        long maxPolls = Math.max(1, timeout.toMillis() / Math.max(1, poll.toMillis()));
        while (true) {
            PeerHttp.Answer a = http.get(PeerHttp.join(offlineTasks, "/internal/v1/jobs/runs/" + runId));
            if (!a.ok()) {
                throw new IllegalStateException("offline-tasks: run " + runId + " unreadable, " + a.describe());
            }
            String status = a.body().path("status").asString();
            switch (status) {
                case "SUCCEEDED" -> {
                    return a.body();
                }
                case "FAILED", "ABANDONED" -> throw new IllegalStateException("offline-tasks: " + JOB + " run " + runId
                        + " " + status + ": " + a.body().path("error").asString());
                default -> {
                }
            }
            // Both bounds: the clock may stand still (tests), the poll count may not.
            if (++polls >= maxPolls || !clock.instant().isBefore(deadline)) {
                throw new IllegalStateException("offline-tasks: " + JOB + " run " + runId + " still " + status
                        + " after " + timeout);
            }
            sleeper.sleep(poll);
        }
    }
}
