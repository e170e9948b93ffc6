package io.adplatform.newdevice.api;

import io.adplatform.newdevice.pool.CheckOutcome;
import io.adplatform.newdevice.pool.CheckResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What an operator watches: checks by result (a jump in "replayed" means the router is aborting transactions; "new"
 * vs "known" is the install rate), identifiers learned beside a known one (advertising id resets), batch latency and
 * size, and store failures (each one is a 503 the router retries).
 */
@Component
class CheckMetrics {

    private final Map<CheckResult, Counter> checks = new EnumMap<>(CheckResult.class);
    private final Counter learned;
    private final Counter storeFailures;
    private final Timer batchLatency;
    private final DistributionSummary batchSize;

    CheckMetrics(MeterRegistry registry) {
        for (CheckResult result : CheckResult.values()) {
            checks.put(result, Counter.builder("activation.pool.checks")
                    .description("Activation checks answered, by result")
                    .tag("result", result.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        learned = Counter.builder("activation.pool.identifiers.learned")
                .description("Identifiers added to a known device (e.g. a reset advertising id)")
                .register(registry);
        storeFailures = Counter.builder("activation.pool.store.failures")
                .description("Batches that failed because Redis did not answer (503 to the caller)")
                .register(registry);
        batchLatency = Timer.builder("activation.pool.check.batch")
                .description("Time to answer one check batch, Redis round trip included")
                .publishPercentileHistogram()
                .register(registry);
        batchSize = DistributionSummary.builder("activation.pool.check.batch.size")
                .description("Checks per batch")
                .baseUnit("checks")
                .register(registry);
    }

    Timer.Sample start() {
        return Timer.start();
    }

    void answered(Timer.Sample sample, List<CheckOutcome> outcomes) {
        sample.stop(batchLatency);
        batchSize.record(outcomes.size());
        int newCount = 0;
        int knownCount = 0;
        int replayedCount = 0;
        int learnedCount = 0;
        for (CheckOutcome outcome : outcomes) {
            switch (outcome.result()) {
                case NEW -> newCount++;
                case KNOWN -> knownCount++;
                case REPLAYED -> replayedCount++;
            }
            learnedCount += outcome.learnedIdentifiers();
        }
        checks.get(CheckResult.NEW).increment(newCount);
        checks.get(CheckResult.KNOWN).increment(knownCount);
        checks.get(CheckResult.REPLAYED).increment(replayedCount);
        learned.increment(learnedCount);
    }

    void failed(Timer.Sample sample) {
        sample.stop(batchLatency);
        storeFailures.increment();
    }
}
