package io.adplatform.attribution.delivery;

import io.adplatform.common.kafka.EventJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The delayed retry queue's consumer: one Kafka consumer on all retry tiers. A task that is not due yet stops its
 * partition: the consumer seeks back to it and pauses the partition until the task's due time, while it keeps polling
 * (so it never holds a poll past {@code max.poll.interval.ms}). Due tasks of a poll go to the pipeline as one batch;
 * offsets are committed only after the pipeline returned.
 */
@Component
class RetryQueueConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetryQueueConsumer.class);
    static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    static final Duration DEPTH_EVERY = Duration.ofSeconds(10);

    private final ConsumerFactory<String, byte[]> consumers;
    private final DeliveryPipeline pipeline;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Map<TopicPartition, Instant> resumeAt = new HashMap<>();
    private final Map<String, AtomicLong> depth = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;
    private Instant depthAt = Instant.EPOCH;

    RetryQueueConsumer(ConsumerFactory<String, byte[]> consumers, DeliveryPipeline pipeline,
                       DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.consumers = consumers;
        this.pipeline = pipeline;
        this.properties = properties;
        this.clock = clock;
        for (String topic : DeliveryTopics.retryTopics()) {
            AtomicLong d = new AtomicLong();
            depth.put(topic, d);
            Gauge.builder("attribution.retry.queue.depth", d, AtomicLong::get).tag("tier", topic)
                    .description("Tasks on the retry tier not yet consumed (partitions assigned to this instance)")
                    .register(meters);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "attribution-retry-queue");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the listener containers, before the beans the pipeline needs are destroyed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        try (Consumer<String, byte[]> c = consumers.createConsumer(properties.retryGroupId(), "-retry")) {
            consumer = c;
            c.subscribe(DeliveryTopics.retryTopics(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(resumeAt::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // A partition comes back unpaused, positioned at its committed offset: the loop re-reads its head.
                    List<TopicPartition> stale = partitions.stream().filter(c.paused()::contains).toList();
                    c.resume(stale);
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
                try {
                    resumeDue(c);
                    records = c.poll(pollWait());
                    if (!records.isEmpty()) {
                        process(c, records);
                    }
                    updateDepth(c);
                    backoff = Duration.ofMillis(500);
                } catch (WakeupException e) {
                    if (running) {
                        log.debug("retry consumer woken up while running");
                    }
                } catch (RuntimeException e) {
                    log.error("retry batch failed; re-reading it in {} ms", backoff.toMillis(), e);
                    rewind(c, records);
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                            : backoff.multipliedBy(2);
                }
            }
        } catch (RuntimeException e) {
            log.error("retry queue consumer stopped", e);
        } finally {
            consumer = null;
        }
    }

    private void process(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Instant now = clock.instant();
        List<DeliveryTask> due = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                DeliveryTask task;
                try {
                    task = EventJson.mapper().readValue(r.value(), DeliveryTask.class);
                } catch (JacksonException | IllegalArgumentException e) {
                    log.error("unreadable retry task {}@{} skipped: {}", tp, r.offset(), e.getMessage());
                    commit.put(tp, new OffsetAndMetadata(r.offset() + 1));
                    continue;
                }
                if (task.dueAt().isAfter(now)) {
                    c.seek(tp, r.offset());
                    c.pause(Set.of(tp));
                    resumeAt.put(tp, task.dueAt());
                    break;
                }
                due.add(task);
                commit.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        pipeline.onTasks(due);
        if (!commit.isEmpty()) {
            c.commitSync(commit);
        }
    }

    private void resumeDue(Consumer<String, byte[]> c) {
        if (resumeAt.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<TopicPartition> ready = resumeAt.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey).toList();
        if (!ready.isEmpty()) {
            ready.forEach(resumeAt::remove);
            c.resume(ready);
        }
    }

    private Duration pollWait() {
        Instant now = clock.instant();
        Duration wait = MAX_POLL_WAIT;
        for (Instant at : resumeAt.values()) {
            Duration until = Duration.between(now, at);
            if (until.compareTo(wait) < 0) {
                wait = until.isNegative() ? Duration.ZERO : until;
            }
        }
        return wait;
    }

    /** After a failed batch, read its records again (paused partitions stay paused). */
    private void rewind(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        try {
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> rs = records.records(tp);
                if (!rs.isEmpty()) {
                    c.seek(tp, rs.get(0).offset());
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot rewind the retry consumer: {}", e.toString());
        }
    }

    private void updateDepth(Consumer<String, byte[]> c) {
        Instant now = clock.instant();
        if (Duration.between(depthAt, now).compareTo(DEPTH_EVERY) < 0) {
            return;
        }
        depthAt = now;
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = c.endOffsets(assigned);
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(assigned);
        Map<String, Long> perTopic = new HashMap<>();
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata at = committed.get(tp);
            long lag = ends.getOrDefault(tp, 0L) - (at == null ? 0L : at.offset());
            perTopic.merge(tp.topic(), Math.max(0, lag), Long::sum);
        }
        depth.forEach((topic, gauge) -> gauge.set(perTopic.getOrDefault(topic, 0L)));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
