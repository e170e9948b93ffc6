package io.adplatform.attribution.delivery;

import io.adplatform.attribution.log.CallbackLog;
import io.adplatform.attribution.log.CallbackStatus;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.Partner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The numbers an operator watches: callbacks by partner and outcome ({@code attribution.callbacks}), what became of
 * consumed events ({@code attribution.events}), callbacks waiting for a retry or in flight (from the ledger, every 15 s),
 * lost claims. Partner latency histograms are the gateway's; consumer lag comes from the Kafka client metrics.
 */
@Component
public class DeliveryMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final MeterRegistry meters;
    private final AtomicLong retryScheduled = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attribution-metrics");
        t.setDaemon(true);
        return t;
    });

    DeliveryMetrics(MeterRegistry meters, CallbackLog ledger) {
        this.meters = meters;
        Gauge.builder("attribution.callbacks.waiting", retryScheduled, AtomicLong::get).tag("status", "retry_scheduled")
                .description("Callbacks waiting on a retry tier (the retry queue's depth, all instances)").register(meters);
        Gauge.builder("attribution.callbacks.waiting", pending, AtomicLong::get).tag("status", "pending")
                .description("Callbacks claimed and being sent, or queued for replay").register(meters);
        refresher.scheduleWithFixedDelay(() -> {
            try {
                retryScheduled.set(ledger.countByStatus(CallbackStatus.RETRY_SCHEDULED));
                pending.set(ledger.countByStatus(CallbackStatus.PENDING));
            } catch (RuntimeException e) {
                log.debug("cannot count waiting callbacks: {}", e.toString());
            }
        }, 1, 15, TimeUnit.SECONDS);
    }

    void outcome(Partner partner, CallbackResult.Outcome outcome) {
        meters.counter("attribution.callbacks", "partner", partner.name().toLowerCase(Locale.ROOT), "outcome",
                outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** {@code routed}, {@code no_settings} (product unknown here), {@code no_rule}, {@code unreadable}. */
    void event(String result) {
        meters.counter("attribution.events", "result", result).increment();
    }

    /** Time one batch spends in a stage: claim, send, record, publish (tag source: events or retries). */
    void stage(String source, String stage, long nanos) {
        meters.timer("attribution.batch.stage", "source", source, "stage", stage).record(nanos, TimeUnit.NANOSECONDS);
    }

    void claimsLost(int n) {
        meters.counter("attribution.claims.lost").increment(n);
    }

    void staleTask() {
        meters.counter("attribution.retry.tasks.stale").increment();
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
