package io.adplatform.dplink.counting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** What an operator watches on the counting side: clicks counted, dropped as duplicates, unreadable, triggers raised. */
@Component
class CountingMetrics {

    private final MeterRegistry meters;
    private final Counter counted;
    private final Counter duplicates;
    private final Counter again;
    private final Counter unreadable;

    CountingMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.counted = Counter.builder("dplink.clicks").tag("outcome", "counted").register(meters);
        this.duplicates = Counter.builder("dplink.clicks").tag("outcome", "duplicate").register(meters);
        this.again = Counter.builder("dplink.clicks").tag("outcome", "redelivered").register(meters);
        this.unreadable = Counter.builder("dplink.clicks").tag("outcome", "unreadable").register(meters);
    }

    void counted(int n, int dups, int redelivered) {
        counted.increment(n);
        duplicates.increment(dups);
        again.increment(redelivered);
    }

    void unreadable(int n) {
        if (n > 0) {
            unreadable.increment(n);
        }
    }

    void raised(String reason) {
        meters.counter("dplink.replacements.raised", "reason", reason).increment();
    }
}
