package io.adplatform.bidder.campaign;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this bidder's {@link CampaignCatalog} equal to the compacted topic {@code config.campaigns}: reads it from the
 * beginning at start (no consumer group: every instance reads every campaign), then follows it; a tombstone removes a
 * campaign, an older version never replaces a newer one. The catalog and its index are rebuilt off the bid path, at
 * most once per {@code rebuild-interval}, and swapped in whole. Ready (health {@code campaigns}) once it has read up to
 * where the topic ended when it started.
 */
@Component
public class CampaignFeed implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CampaignFeed.class);

    private final KafkaProperties kafka;
    private final CampaignProperties properties;
    private final Clock clock;
    /** Marks a record that could not be read: it changes nothing. */
    private static final CampaignConfig SKIP = new CampaignConfig("-", null, null, null, -1, null, 0, null, null, null,
            null, null, null, 0, List.of());

    private final Map<String, CampaignConfig> configs = new HashMap<>();
    private volatile CampaignCatalog catalog = CampaignCatalog.empty();
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final AtomicLong unreadable = new AtomicLong();
    private final List<CatalogListener> listeners;
    private Thread thread;

    public CampaignFeed(KafkaProperties kafka, CampaignProperties properties, Clock clock,
                        List<CatalogListener> listeners) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** The current catalog: one consistent version, never null. */
    public CampaignCatalog catalog() {
        return catalog;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public Health health() {
        if (!healthy) {
            return Health.down().withDetail("reason", "the feed stopped; see the log").build();
        }
        return caughtUp ? Health.up().withDetail("campaigns", catalog.size()).withDetail("version", catalog.version())
                .build() : Health.down().withDetail("reason", "reading config.campaigns").build();
    }

    @Override
    public void start() {
        Properties p = new Properties();
        p.putAll(kafka.buildConsumerProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dsp-bidder-config-" + UUID.randomUUID()); // never commits: assign()
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "campaign-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            boolean dirty = false;
            long lastBuild = 0;
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    dirty |= apply(r.key(), read(r));
                }
                boolean reached = caughtUp || end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
                long now = clock.millis();
                if (reached && (dirty && now - lastBuild >= properties.rebuildInterval().toMillis() || !caughtUp)) {
                    rebuild();
                    lastBuild = now;
                    dirty = false;
                    if (!caughtUp) {
                        caughtUp = true;
                        log.info("campaign catalog ready: {} campaigns", catalog.size());
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("campaign feed stopped; the catalog stays at version {}", catalog.version(), e);
            healthy = false;
        }
    }

    /** A record that is not a campaign is skipped with an error, never allowed to stop the feed. */
    private CampaignConfig read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(r.value(), CampaignConfig.class);
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            log.error("skipping unreadable campaign {} at {}-{}@{}", r.key(), r.topic(), r.partition(), r.offset(), e);
            return SKIP;
        }
    }

    /** Records skipped because they could not be read as campaigns. */
    public long unreadable() {
        return unreadable.get();
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            var infos = c.partitionsFor(Topics.CONFIG_CAMPAIGNS, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
        }
        throw new WakeupException();
    }

    /** @return whether the catalog changed */
    boolean apply(String id, CampaignConfig config) {
        if (id == null || config == SKIP) {
            return false;
        }
        if (config == null) {
            return configs.remove(id) != null;
        }
        CampaignConfig known = configs.get(id);
        if (known != null && known.version() > config.version()) {
            return false;
        }
        configs.put(id, config);
        return true;
    }

    private void rebuild() {
        long started = System.nanoTime();
        catalog = CampaignCatalog.of(configs.values(), catalog.version() + 1);
        for (CatalogListener l : listeners) {
            try {
                l.catalogChanged(catalog);
            } catch (RuntimeException e) {
                log.error("a catalog listener failed on version {}", catalog.version(), e);
            }
        }
        log.debug("catalog v{}: {} campaigns indexed in {} ms", catalog.version(), catalog.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0; // before the bid server (which answers no-bid until the catalog is ready anyway)
    }
}
