package io.adplatform.admin.onboarding.steps;

import io.adplatform.admin.onboarding.OnboardingStep;
import io.adplatform.admin.onboarding.ProductDashboards;
import io.adplatform.admin.onboarding.StepContext;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (e) The product's ClickHouse tables, roll-ups and dashboard definitions. In this platform the event tables and
 * roll-ups are shared by all products and keyed by app id (offline-tasks creates them with its ClickHouse migrations),
 * so there is no per-product DDL to run: the step checks that each of the product's dashboards answers from those
 * roll-ups for the product, then defines the dashboards in {@code product_dashboards} (what the UI lists).
 */
public final class DashboardDefinitionsStep implements OnboardingStep {

    public static final String NAME = "dashboards";
    /** Dashboard name → offline-tasks' path; the names are the {@code dashboard} parameter of the reports job. */
    public static final Map<String, String> DASHBOARDS = Map.of(
            "products", "/internal/v1/dashboards/products",
            "callbacks", "/internal/v1/dashboards/callbacks");

    private final PeerHttp http;
    private final URI offlineTasks;
    private final ProductDashboards dashboards;
    private final Clock clock;

    public DashboardDefinitionsStep(PeerHttp http, URI offlineTasks, ProductDashboards dashboards, Clock clock) {
        this.http = http;
        this.offlineTasks = offlineTasks;
        this.dashboards = dashboards;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> run(StepContext ctx) throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : DASHBOARDS.keySet().stream().sorted().toList()) {
            String path = DASHBOARDS.get(name);
            PeerHttp.Answer a = http.get(PeerHttp.join(offlineTasks, path + "?products="
                    + PeerHttp.segment(ctx.appId()) + "&from=" + today.minusDays(1) + "&to=" + today));
            if (!a.ok()) {
                throw new IllegalStateException("offline-tasks: the " + name + " dashboard does not answer for the "
                        + "product, " + a.describe());
            }
            dashboards.define(ctx.appId(), name, path, clock.instant());
            out.put(name, path);
        }
        return out;
    }
}
