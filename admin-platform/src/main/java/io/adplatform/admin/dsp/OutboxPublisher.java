package io.adplatform.admin.dsp;

import io.adplatform.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to {@code config.campaigns}: oldest first, under the publishers' lock, with an idempotent acks=all
 * producer; an entry is marked sent only after Kafka acknowledged it, in the transaction that read it. A failure
 * (broker away, timeout) rolls the batch back: it is sent again on the next pass — a record may reach the topic twice,
 * never zero times, and the bidders keep the highest version anyway. Woken by each committed change, and every
 * {@code publish-interval} for what a restart or another instance left.
 */
class OutboxPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final CampaignOutbox outbox;
    private final DspCampaignStore campaigns;
    private final TransactionTemplate tx;
    private final Map<String, Object> producerConfig;
    private final DspProperties properties;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile Producer<String, byte[]> producer;
    private volatile boolean running;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private Thread thread;
    private long lastPrune;

    /**
     * @param kafkaConfig the service's producer settings (bootstrap servers, security); delivery guarantees are set
     *                    here whatever they say
     */
    OutboxPublisher(CampaignOutbox outbox, DspCampaignStore campaigns, TransactionTemplate tx,
                           Map<String, Object> kafkaConfig, DspProperties properties, Clock clock) {
        this.outbox = outbox;
        this.campaigns = campaigns;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        Map<String, Object> p = new HashMap<>(kafkaConfig);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // ordered per partition with idempotence
        int timeout = (int) properties.sendTimeout().toMillis();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, timeout / 2));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "admin-platform-campaigns");
        this.producerConfig = p;
    }

    /** Sends what is owed now, then at every wake-up or interval, until {@link #stop()}. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::run, "dsp-campaign-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeups.release();
        if (thread != null) {
            try {
                thread.join(properties.sendTimeout().toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        Producer<String, byte[]> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A change was committed: send it without waiting for the interval. */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                more = publishBatch() == properties.batchSize();
                pruneNowAndThen();
            } catch (RuntimeException e) {
                lastError = e.toString();
                lastErrorAt = clock.instant();
                log.warn("DSP campaign changes not published yet (will retry): {}", e.toString());
                renewProducer(); // an idempotent producer can be left fenced or in error: start clean
            }
            if (!more) {
                try {
                    wakeups.tryAcquire(properties.publishInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One batch: lock, read the oldest unsent entries, send, wait for every acknowledgement, mark them sent, commit.
     * Returns how many were sent; throws (and marks nothing) when Kafka did not acknowledge them all in time.
     */
    int publishBatch() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            throw new IllegalStateException("the publisher is not started");
        }
        Integer sent = tx.execute(s -> {
            outbox.lockSending();
            List<CampaignOutbox.Entry> entries = outbox.unsent(properties.batchSize());
            if (entries.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
            for (CampaignOutbox.Entry e : entries) {
                byte[] value = e.payload() == null ? null : e.payload().getBytes(StandardCharsets.UTF_8);
                acks.add(p.send(new ProducerRecord<>(Topics.CONFIG_CAMPAIGNS, e.campaignId(), value)));
            }
            await(acks);
            outbox.markSent(entries.stream().map(CampaignOutbox.Entry::id).toList(), clock.instant());
            for (CampaignOutbox.Entry e : entries) {
                campaigns.published(e.campaignId(), e.version());
            }
            return entries.size();
        });
        if (sent != null && sent > 0) {
            lastError = null;
            log.debug("published {} DSP campaign record(s)", sent);
        }
        return sent == null ? 0 : sent;
    }

    private void renewProducer() {
        Producer<String, byte[]> old = producer;
        if (!running || old == null) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        old.close(java.time.Duration.ZERO);
    }

    private void await(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> f : acks) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing DSP campaigns", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the DSP campaign records: "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    private void pruneNowAndThen() {
        long now = clock.millis();
        if (now - lastPrune > 60_000) {
            lastPrune = now;
            outbox.prune(clock.instant().minus(properties.outboxRetention()), 10_000);
        }
    }

    /** What operators see of the way to Kafka. */
    public record Backlog(long unsent, Instant oldestUnsent, boolean running, String lastError, Instant lastErrorAt) {
    }

    public Backlog backlog() {
        return new Backlog(outbox.unsentCount(), outbox.oldestUnsent(), running, lastError, lastErrorAt);
    }
}
