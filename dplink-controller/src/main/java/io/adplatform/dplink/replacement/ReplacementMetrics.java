package io.adplatform.dplink.replacement;

import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.AdStatus;
import io.adplatform.dplink.task.ReplacementTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The worker's numbers: steps by outcome, how long a round's end took to become a committed swap, and the two alerts
 * an operator pages on — ads exhausted ({@code dplink.ads.exhausted} > 0) and tasks parked ({@code dplink.tasks.parked}
 * > 0). The gauges are refreshed from the database every few seconds, so every instance reports the same figure.
 */
@Component
public class ReplacementMetrics {

    private final MeterRegistry meters;
    private final AdRepository ads;
    private final Timer triggerToCommit;
    private final AtomicLong exhausted = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    ReplacementMetrics(MeterRegistry meters, AdRepository ads) {
        this.meters = meters;
        this.ads = ads;
        this.triggerToCommit = Timer.builder("dplink.replacement.latency")
                .description("from the click that ended a round to the swap committed").publishPercentileHistogram()
                .register(meters);
        Gauge.builder("dplink.ads.exhausted", exhausted, AtomicLong::get).register(meters);
        Gauge.builder("dplink.tasks.parked", parked, AtomicLong::get).register(meters);
    }

    void handled(ReplacementTask task, Outcome outcome, Instant now) {
        meters.counter("dplink.replacements", "kind", task.kind().name(), "outcome", outcome.name()).increment();
        if (task.kind() == ReplacementTask.Kind.REPLACE && task.raisedAt() != null
                && (outcome == Outcome.SWAPPED || outcome == Outcome.RENEWED || outcome == Outcome.EXHAUSTED)) {
            triggerToCommit.record(Duration.between(task.raisedAt(), now));
        }
    }

    void parked(String reason) {
        meters.counter("dplink.tasks.parked.total", "reason", reason).increment();
    }

    @Scheduled(fixedDelayString = "${adplatform.dplink.replacement.gauge-interval:5s}")
    void refresh() {
        exhausted.set(ads.countByStatus(AdStatus.EXHAUSTED));
        parked.set(ads.parkedCount());
    }
}
