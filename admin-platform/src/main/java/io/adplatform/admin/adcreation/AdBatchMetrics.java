package io.adplatform.admin.adcreation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Objects of partial batches that failed for good: each waits for a buyer's retry (its error is on the batch). */
@Component
class AdBatchMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    AdBatchMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("adplatform.ads.objects.failed", () -> jdbc.sql("""
                                SELECT COUNT(*) FROM ad_objects o JOIN ad_batches b ON b.id = o.batch_id
                                WHERE b.status = 'PARTIAL' AND o.state = 'FAILED'""")
                        .query(Long.class).single())
                .description("campaigns, ad sets, creatives and ads of partial batches that failed every attempt")
                .register(registry);
    }
}
