package io.adplatform.offline.dashboards;

import io.adplatform.offline.dashboards.DashboardRequests.Params;
import io.adplatform.offline.dashboards.DashboardViews.CallbacksDashboard;
import io.adplatform.offline.dashboards.DashboardViews.ProductMetrics;
import io.adplatform.offline.scheduler.JobRun;
import io.adplatform.offline.scheduler.ScheduledJob;
import io.adplatform.web.ApiProblem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code product-dashboards} job (manual only): one product's dashboard computed in the background over the
 * roll-ups, its figures kept as the run's summary. The admin platform's onboarding runs it once per dashboard of a new
 * product, polls the run and keeps the run id as the dashboard's report id. Parameters: {@code product} (required),
 * {@code dashboard} ({@code products} or {@code callbacks}, required), {@code days} (1..{@value #MAX_DAYS}, default
 * {@value #DEFAULT_DAYS}: the days up to today, UTC).
 */
class ProductDashboardsJob implements ScheduledJob {

    static final String NAME = "product-dashboards";
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 400;
    private static final Set<String> PARAMETERS = Set.of("product", "dashboard", "days");

    private final Dashboards dashboards;
    private final DashboardRequests requests;
    private final Clock clock;

    ProductDashboardsJob(Dashboards dashboards, DashboardRequests requests, Clock clock) {
        this.dashboards = dashboards;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String cron() {
        return "-";
    }

    @Override
    public String run(JobRun run) {
        Map<String, String> p = run.parameters();
        List<String> problems = new ArrayList<>();
        p.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted()
                .forEach(k -> problems.add(k + ": unknown parameter (known: product, dashboard, days)"));
        String product = p.get("product");
        if (product == null || product.isBlank()) {
            problems.add("product: required");
        }
        String dashboard = p.get("dashboard");
        if (!"products".equals(dashboard) && !"callbacks".equals(dashboard)) {
            problems.add("dashboard: must be products or callbacks");
        }
        int days = DEFAULT_DAYS;
        if (p.get("days") != null) {
            try {
                days = Integer.parseInt(p.get("days").strip());
                if (days < 1 || days > MAX_DAYS) {
                    problems.add("days: must be 1.." + MAX_DAYS);
                }
            } catch (NumberFormatException e) {
                problems.add("days: must be a whole number");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad run parameters: " + String.join("; ", problems));
        }
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = to.minusDays(days - 1L);
        DashboardQuery q;
        try {
            q = requests.parse(new Params(List.of(product), from.toString(), to.toString(), null, null, null, null,
                    null));
        } catch (ApiProblem e) {
            throw new IllegalArgumentException("bad run parameters: " + e.getMessage());
        }
        String head = dashboard + " dashboard of " + product + ", " + from + ".." + to + ": ";
        if ("products".equals(dashboard)) {
            var d = dashboards.products(q);
            ProductMetrics t = d.totals();
            return head + "installs " + (t.installs() == null ? "n/a" : t.installs()) + ", new devices "
                    + t.newDevices() + ", payers " + t.payers() + ", revenue " + t.revenue() + " "
                    + d.reportingCurrency() + ", spend " + (t.spend() == null ? "n/a" : t.spend());
        }
        CallbacksDashboard d = dashboards.callbacks(q);
        return head + d.totals().results() + " callback results over " + d.byPartner().size() + " partners";
    }
}
