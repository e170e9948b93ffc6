package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.offline.scheduler.JobRun;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The product-dashboards job's contract before it reads anything (the reads are in JobsApiIntegrationTest). */
class ProductDashboardsJobTest {

    final ProductDashboardsJob job = new ProductDashboardsJob(null, null,
            Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

    static JobRun run(Map<String, String> parameters) {
        return new JobRun(1, ProductDashboardsJob.NAME, "MANUAL", Instant.parse("2026-11-20T10:00:00Z"), parameters);
    }

    @Test
    void isManualOnly() {
        assertThat(job.name()).isEqualTo("product-dashboards");
        assertThat(job.cron()).isEqualTo("-");
    }

    @Test
    void badParametersFailTheRunNamingEachOne() {
        assertThatThrownBy(() -> job.run(run(Map.of("dashboard", "pie", "days", "0", "colour", "red"))))
                .hasMessageContaining("product: required").hasMessageContaining("dashboard: must be products or callbacks")
                .hasMessageContaining("days: must be 1..400").hasMessageContaining("colour: unknown parameter");
        assertThatThrownBy(() -> job.run(run(Map.of("product", "p", "dashboard", "products", "days", "x"))))
                .hasMessageContaining("days: must be a whole number");
    }
}
