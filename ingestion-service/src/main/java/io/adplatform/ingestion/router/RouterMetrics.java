package io.adplatform.ingestion.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Router numbers: events routed, new devices, poison records skipped, batch latency. Counted per attempt: a batch
 * whose transaction aborts and is processed again counts again. Consumer lag comes from the Kafka client metrics
 * ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
final class RouterMetrics {

    final Counter routed;
    final Counter newDevices;
    final Counter poison;
    final Timer batch;

    RouterMetrics(MeterRegistry meters) {
        routed = Counter.builder("ingestion.router.events").tag("outcome", "routed")
                .description("Events published to attribution-events").register(meters);
        poison = Counter.builder("ingestion.router.events").tag("outcome", "poison")
                .description("Unreadable records skipped on sdk-events").register(meters);
        newDevices = Counter.builder("ingestion.router.new.devices")
                .description("Activations the pool saw for the first time").register(meters);
        batch = Timer.builder("ingestion.router.batch")
                .description("Time to route one poll's batch (new-device call, Redis, sends)")
                .publishPercentileHistogram().register(meters);
    }
}
