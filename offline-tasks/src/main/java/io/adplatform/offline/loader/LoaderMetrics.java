package io.adplatform.offline.loader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator watches: {@code loader.lag} (records in Kafka not yet in ClickHouse, per topic),
 * {@code loader.rows} and {@code loader.insert} (rows and insert time per table), {@code loader.insert.failures},
 * {@code loader.records.skipped} (unreadable or incomplete records, per topic).
 */
final class LoaderMetrics {

    private final MeterRegistry registry;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lagGauges = new ConcurrentHashMap<>();

    LoaderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void inserted(String table, int rows, long nanos) {
        Counter.builder("loader.rows").tag("table", table).register(registry).increment(rows);
        Timer.builder("loader.insert").tag("table", table).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void insertFailed(String table) {
        Counter.builder("loader.insert.failures").tag("table", table).register(registry).increment();
    }

    void skipped(String topic) {
        Counter.builder("loader.records.skipped").tag("topic", topic).register(registry).increment();
    }

    void lag(TopicPartition tp, long records) {
        lag.put(tp, records);
        lagGauges.computeIfAbsent(tp.topic(), topic -> {
            Gauge.builder("loader.lag", lag, m -> m.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(Map.Entry::getValue).sum()).tag("topic", topic).register(registry);
            return true;
        });
    }

    void forget(TopicPartition tp) {
        lag.remove(tp);
    }

    /** Total lag over every topic this instance loads: for tests and the benchmark. */
    long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
