package io.adplatform.ingestion.events;

import io.adplatform.ingestion.web.FieldProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What an operator watches on the HTTP side: {@code ingestion_events_total{outcome,reason}} (accepted, duplicate,
 * refused by the field at fault, retry), {@code ingestion_request_seconds} (latency histogram by status) and
 * {@code ingestion_request_events} (batch sizes).
 */
@Component
class IngestionMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;
    private final Counter accepted;
    private final Counter duplicate;

    IngestionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.accepted = counter("accepted", "none");
        this.duplicate = counter("duplicate", "seen");
        this.batchSizes = DistributionSummary.builder("ingestion.request.events")
                .description("Events per accepted request").publishPercentiles(0.5, 0.99).register(meters);
    }

    void record(List<EventResult> results) {
        batchSizes.record(results.size());
        for (EventResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted.increment();
                case DUPLICATE -> duplicate.increment();
                case RETRY -> counter("retry", r.errors().contains(EventIntake.IN_FLIGHT) ? "in_flight" : "not_written")
                        .increment();
                case REFUSED -> counter("refused", reason(r.errors())).increment();
            }
        }
    }

    void requestDone(int status, long nanos) {
        timers.computeIfAbsent(status, s -> Timer.builder("ingestion.request")
                        .description("POST /v1/events latency, from the first byte read to the answer")
                        .tag("status", Integer.toString(s))
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                                Duration.ofMillis(50), Duration.ofMillis(100))
                        .register(meters))
                .record(Duration.ofNanos(nanos));
    }

    /** The top-level field at fault: bounded by the schema, so the tag's cardinality stays small. */
    private static String reason(List<FieldProblem> errors) {
        if (errors.isEmpty() || errors.get(0).field() == null || errors.get(0).field().isEmpty()) {
            return "event";
        }
        String field = errors.get(0).field();
        int cut = field.length();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '.' || c == '[') {
                cut = i;
                break;
            }
        }
        return field.substring(0, cut);
    }

    private Counter counter(String outcome, String reason) {
        return counters.computeIfAbsent(outcome + '|' + reason, k -> Counter.builder("ingestion.events")
                .description("SDK events by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason)
                .register(meters));
    }
}
