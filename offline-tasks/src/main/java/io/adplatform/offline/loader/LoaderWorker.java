package io.adplatform.offline.loader;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's loop: reads its partitions, keeps one batch per partition, and inserts a batch when it is big or old
 * enough. Exactly once into ClickHouse, tables and materialized views alike:
 * <ol>
 *   <li>before inserting offsets {@code a..b} of a partition, the range is written to {@code loader_offsets};</li>
 *   <li>the insert carries {@code insert_deduplication_token = topic:partition:a:b};</li>
 *   <li>then the partition's next offset becomes {@code b + 1}.</li>
 * </ol>
 * Whoever takes the partition next (this process after a crash, another after a rebalance) finds either a clean next
 * offset, or the pending range, which it re-reads and inserts again exactly, with the same token: ClickHouse drops the
 * copy if the first insert had landed. Offsets live in MariaDB, not in Kafka's group offsets.
 */
final class LoaderWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LoaderWorker.class);

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final ClickHouse clickHouse;
    private final LoaderOffsets offsets;
    private final LoaderProperties props;
    private final LoaderMetrics metrics;
    private final Clock clock;
    private final Map<TopicPartition, Batch> batches = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long nextLagCheck;

    LoaderWorker(Consumer<String, byte[]> consumer, List<String> topics, ClickHouse clickHouse, LoaderOffsets offsets,
                 LoaderProperties props, LoaderMetrics metrics, Clock clock) {
        this.consumer = consumer;
        this.topics = topics;
        this.clickHouse = clickHouse;
        this.offsets = offsets;
        this.props = props;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A partition's rows waiting for their insert: offsets {@code first..last}, or a replay of a pending range. */
    private static final class Batch {
        final TopicPartition tp;
        final StreamTable<?> table;
        final RowWriter rows;
        long first = -1;
        long last = -1;
        long startedAt;
        /** While replaying a range left pending by a crash: its last offset; the batch must end exactly there. */
        Long replayTo;
        /** Where the partition resumes after this batch, for the lag. */
        long loadedUpTo;

        Batch(TopicPartition tp, StreamTable<?> table, long next) {
            this.tp = tp;
            this.table = table;
            this.rows = table.newWriter();
            this.loadedUpTo = next;
        }

        boolean empty() {
            return first < 0;
        }

        void reset() {
            rows.clear();
            first = -1;
            last = -1;
            replayTo = null;
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : records) {
                    add(r);
                }
                flushDue();
                bound();
                reportLag();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("loader consumer stopped on an unexpected error; its partitions go to the other consumers", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                batches.keySet().forEach(metrics::forget);
                stopped.countDown();
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        stopped.await();
    }

    private void add(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Batch b = batches.get(tp);
        if (b == null) {
            return; // revoked while this poll's records were in hand
        }
        if (b.replayTo != null && r.offset() > b.replayTo) {
            if (b.empty()) {
                // The pending range is no longer in the topic (retention passed it): nothing to replay.
                log.warn("{}: the pending range up to {} is gone from the topic; resuming at {}", tp, b.replayTo,
                        r.offset());
                b.replayTo = null;
            } else {
                insert(b); // the pending range is complete: it goes in alone, as it did the first time
            }
        }
        if (b.empty()) {
            b.first = r.offset();
            b.startedAt = clock.millis();
        }
        b.last = r.offset();
        if (!b.table.write(r.value(), b.rows)) {
            metrics.skipped(r.topic());
            if (r.value() != null) {
                log.warn("{}-{}@{}: not a {} row (unreadable or incomplete); skipped", r.topic(), r.partition(),
                        r.offset(), b.table.table());
            }
        }
        if (b.replayTo == null && (b.rows.rows() >= props.batchRows() || b.rows.size() >= props.batchBytes())) {
            insert(b);
        }
    }

    private void flushDue() {
        long now = clock.millis();
        for (Batch b : batches.values()) {
            if (b.empty()) {
                continue;
            }
            boolean due = b.replayTo != null ? consumer.position(b.tp) > b.replayTo
                    : now - b.startedAt >= props.batchDelay().toMillis();
            if (due) {
                insert(b);
            }
        }
    }

    /** Keeps the batches of all partitions under {@code bufferBytes} together: the biggest goes in first. */
    private void bound() {
        while (true) {
            long total = 0;
            Batch biggest = null;
            for (Batch b : batches.values()) {
                total += b.rows.size();
                if (b.replayTo == null && !b.empty() && (biggest == null || b.rows.size() > biggest.rows.size())) {
                    biggest = b;
                }
            }
            if (total <= props.bufferBytes() || biggest == null) {
                return;
            }
            insert(biggest);
        }
    }

    /** Inserts the batch exactly once, retrying (partitions paused) until ClickHouse takes it. */
    private void insert(Batch b) {
        int generation = consumer.groupMetadata().generationId();
        String token = b.tp.topic() + ':' + b.tp.partition() + ':' + b.first + ':' + b.last;
        if (b.replayTo == null && !offsets.begin(b.tp, generation, b.first, b.last)) {
            fenced(b);
            return;
        }
        if (b.rows.rows() > 0) {
            byte[] body = b.rows.finish();
            Duration wait = props.retryBackoff();
            while (true) {
                long started = System.nanoTime();
                try {
                    clickHouse.insert(b.table.table(), b.table.columns(), "TabSeparated", body,
                            Map.of("insert_deduplication_token", token));
                    metrics.inserted(b.table.table(), b.rows.rows(), System.nanoTime() - started);
                    break;
                } catch (RuntimeException e) {
                    metrics.insertFailed(b.table.table());
                    log.warn("insert of {} rows into {} ({}) failed, again in {}: {}", b.rows.rows(), b.table.table(),
                            token, wait, e.getMessage());
                    if (!pausedWait(wait)) {
                        return; // stopping: the range stays pending and is replayed by the next owner
                    }
                    wait = wait.multipliedBy(2).compareTo(props.retryBackoffMax()) > 0 ? props.retryBackoffMax()
                            : wait.multipliedBy(2);
                }
            }
        }
        if (!offsets.complete(b.tp, generation, b.last + 1)) {
            fenced(b);
            return;
        }
        b.loadedUpTo = b.last + 1;
        b.reset();
    }

    /** Waits with every partition paused, still polling so the group keeps this member; false when stopping. */
    private boolean pausedWait(Duration wait) {
        Collection<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        try {
            long until = System.nanoTime() + wait.toNanos();
            while (running && System.nanoTime() < until) {
                ConsumerRecords<String, byte[]> none = consumer.poll(Duration.ofMillis(100));
                if (!none.isEmpty()) {
                    throw new IllegalStateException("records from a paused partition");
                }
            }
            return running;
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    private void fenced(Batch b) {
        log.warn("{}: a newer consumer generation owns the partition; dropping this consumer's batch", b.tp);
        batches.remove(b.tp);
        metrics.forget(b.tp);
    }

    private void reportLag() {
        long now = clock.millis();
        if (now < nextLagCheck) {
            return;
        }
        nextLagCheck = now + 5_000;
        Map<TopicPartition, Long> ends = consumer.endOffsets(batches.keySet(), Duration.ofSeconds(2));
        ends.forEach((tp, end) -> {
            Batch b = batches.get(tp);
            if (b != null) {
                metrics.lag(tp, Math.max(0, end - b.loadedUpTo));
            }
        });
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing inserted is lost and nothing half-inserted stays: batches not yet inserted are read again by
            // the next owner from loader_offsets. Inserting them here would race the next owner for no gain.
            for (TopicPartition tp : partitions) {
                batches.remove(tp);
                metrics.forget(tp);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            int generation = consumer.groupMetadata().generationId();
            for (TopicPartition tp : partitions) {
                Optional<LoaderOffsets.Position> at = offsets.claim(tp, generation);
                if (at.isEmpty()) {
                    log.warn("{}: claimed by a newer generation than {}; not loading it", tp, generation);
                    consumer.pause(List.of(tp));
                    continue;
                }
                LoaderOffsets.Position p = at.get();
                Batch b = new Batch(tp, StreamTables.forTopic(tp.topic()), p.next());
                if (p.pending()) {
                    b.replayTo = p.pendingTo();
                    consumer.seek(tp, p.pendingFrom());
                    log.info("{}: re-inserting the range {}..{} left pending", tp, p.pendingFrom(), p.pendingTo());
                } else {
                    consumer.seek(tp, p.next());
                }
                batches.put(tp, b);
            }
        }
    }

}
