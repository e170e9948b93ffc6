package io.adplatform.offline.loader;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.time.Instant;
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

    private final Supplier<Consumer<String, byte[]>> consumers;
    private Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final ClickHouse clickHouse;
    private final LoaderOffsets offsets;
    private final LoaderProperties props;
    private final LoaderMetrics metrics;
    private final Clock clock;
    private final Map<TopicPartition, Batch> batches = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Instant failingSince;
    private volatile String failure;
    private long nextLagCheck;

    LoaderWorker(Supplier<Consumer<String, byte[]>> consumers, List<String> topics, ClickHouse clickHouse, LoaderOffsets offsets,
                 LoaderProperties props, LoaderMetrics metrics, Clock clock) {
        this.consumers = consumers;
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
        final StreamTable table;
        final String[] slots;
        final RowWriter rows;
        long first = -1;
        long last = -1;
        long startedAt;
        /** While replaying a range left pending by a crash: its last offset; the batch must end exactly there. */
        Long replayTo;
        /** Where the partition resumes after this batch, for the lag. */
        long loadedUpTo;
        /** The epoch this consumer's claim of the partition got: its writes count only while it is current. */
        final long epoch;

        Batch(TopicPartition tp, StreamTable table, long next, long epoch) {
            this.tp = tp;
            this.table = table;
            this.epoch = epoch;
            this.rows = table.newWriter();
            this.slots = new String[table.fields().size()];
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

    /**
     * Consumes until stopped. A consumer that fails in a way the loop does not handle (a claim that cannot reach
     * MariaDB, a broker error) is closed and a new one joins the group after a back-off: nothing is lost, since every
     * partition resumes from {@code loader_offsets}.
     */
    @Override
    public void run() {
        Duration backoff = props.retryBackoff();
        try {
            while (running) {
                consumer = consumers.get();
                try {
                    consume();
                    return;
                } catch (WakeupException e) {
                    if (running) {
                        failed(e);
                    }
                } catch (RuntimeException e) {
                    failed(e);
                } finally {
                    batches.keySet().forEach(metrics::forget);
                    batches.clear();
                    closeQuietly();
                }
                if (running) {
                    log.warn("loader consumer failed; a new one starts in {}", backoff);
                    sleep(backoff);
                    backoff = next(backoff);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private void consume() {
        consumer.subscribe(topics, new Rebalance());
        while (running) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<String, byte[]> r : records) {
                add(r);
            }
            flushDue();
            bound();
            reportLag();
            failingSince = null; // a whole round went through
            failure = null;
        }
    }

    private void failed(RuntimeException e) {
        log.error("loader consumer failed", e);
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        failure = e.toString();
    }

    /** When this consumer started failing, and why; null while it works. */
    Instant failingSince() {
        return failingSince;
    }

    String failure() {
        return failure;
    }

    private void closeQuietly() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("closing the loader consumer", e);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Duration next(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(props.retryBackoffMax()) > 0 ? props.retryBackoffMax() : doubled;
    }

    void stop() throws InterruptedException {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
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
        if (!b.table.write(r.value(), b.rows, b.slots)) {
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

    /**
     * Inserts the batch exactly once. MariaDB or ClickHouse failing is waited out, partitions paused and the batch
     * kept; nothing is skipped. Returns with the batch dropped when another consumer claimed the partition meanwhile.
     */
    private void insert(Batch b) {
        String token = b.tp.topic() + ':' + b.tp.partition() + ':' + b.first + ':' + b.last;
        if (b.replayTo == null) {
            Boolean begun = retrying(b, "recording the range " + token, () -> offsets.begin(b.tp, b.epoch, b.first, b.last));
            if (begun == null) {
                return; // stopping: the range was not recorded, and is read again from the last next offset
            }
            if (!begun) {
                fenced(b);
                return;
            }
        }
        if (b.rows.rows() > 0) {
            byte[] body = b.rows.finish();
            // optimize_on_insert = 0: no sort-and-merge of each block by the sorting key before its part is written
            // (a third of the engine's CPU per row here); duplicates by event id still merge away in the background.
            Boolean inserted = retrying(b, "inserting " + b.rows.rows() + " rows into " + b.table.table() + " (" + token + ")",
                    () -> {
                        long started = System.nanoTime();
                        clickHouse.insert(b.table.table(), b.table.columns(), "TabSeparated", body,
                                Map.of("insert_deduplication_token", token, "optimize_on_insert", "0"));
                        metrics.inserted(b.table.table(), b.rows.rows(), System.nanoTime() - started);
                        return true;
                    });
            if (inserted == null) {
                return; // stopping: the range stays pending and is replayed by the next owner
            }
        }
        Boolean completed = retrying(b, "completing " + token, () -> offsets.complete(b.tp, b.epoch, b.last + 1));
        if (completed == null) {
            return;
        }
        if (!completed) {
            fenced(b);
            return;
        }
        b.loadedUpTo = b.last + 1;
        b.reset();
    }

    /** Runs {@code step} until it succeeds, waiting out failures with partitions paused; null when stopping. */
    private <T> T retrying(Batch b, String what, Supplier<T> step) {
        Duration wait = props.retryBackoff();
        while (true) {
            try {
                T result = step.get();
                failingSince = null;
                return result;
            } catch (RuntimeException e) {
                metrics.insertFailed(b.table.table());
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                failure = what + ": " + e.getMessage();
                log.warn("{} failed, again in {}: {}", what, wait, e.getMessage());
                if (!pausedWait(wait)) {
                    return null;
                }
                wait = next(wait);
            }
        }
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
        log.warn("{}: another consumer claimed the partition since; dropping this consumer's batch", b.tp);
        batches.remove(b.tp);
        metrics.forget(b.tp);
    }

    private void reportLag() {
        long now = clock.millis();
        if (now < nextLagCheck) {
            return;
        }
        nextLagCheck = now + 5_000;
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(batches.keySet(), Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            log.debug("end offsets unavailable; lag not updated", e);
            return;
        }
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
            for (TopicPartition tp : partitions) {
                LoaderOffsets.Position p = offsets.claim(tp);
                Batch b = new Batch(tp, StreamTables.forTopic(tp.topic()), p.next(), p.epoch());
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
