package io.adplatform.bidder.pctr;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every bidder's feed of model versions: reads the compacted models topic from the beginning on its own thread, without
 * a consumer group (each instance needs every version; nothing to commit), and installs the newest version it sees —
 * never an older one — into the {@link CtrModelHolder}, then follows new versions. A version's header is read first,
 * so the backlog read at start costs one decode per poll, not one per version. Start-up never waits for it: until
 * the first model arrives, or if the topic does not exist yet, bids use the campaigns' priors.
 */
public final class ModelSubscriber implements SmartLifecycle {

    static final String KEY = "ctr";
    private static final Logger log = LoggerFactory.getLogger(ModelSubscriber.class);
    private static final int MAX_RECORD_BYTES = ModelPublisher.MAX_MESSAGE_BYTES;

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final CtrModelHolder holder;
    private final double priorWeight;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile long rejected;
    private Thread thread;

    /** @param kafkaConfig client settings (bootstrap servers, security); group and offsets are this class's business */
    public ModelSubscriber(Map<String, Object> kafkaConfig, String topic, CtrModelHolder holder, double priorWeight) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_RECORD_BYTES);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        this.consumerConfig = config;
        this.topic = topic;
        this.holder = holder;
        this.priorWeight = priorWeight;
    }

    /**
     * Waits until the versions on the topic at start have been read (at once if there is no topic yet); the trainer
     * resumes from the newest of them.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records on the topic that were not readable models. */
    public long rejected() {
        return rejected;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "pctr-model-subscriber");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false; // polls are short: the thread sees it within a second (no wakeup: it would hit close())
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig)) {
                follow(c);
                backoff = 500;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("model subscription on {} failed, retrying in {} ms: {}", topic, backoff, e.toString());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = awaitPartitions(c);
        if (partitions.isEmpty()) {
            return;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (running) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofSeconds(1));
            installNewest(records);
            if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                log.info("pCTR models read up to the end of {}: version {}", topic, holder.version());
                caughtUp.countDown();
            }
        }
    }

    /** The topic's partitions once it exists; the first miss counts as caught up (nothing to read yet). */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        long wait = 1_000;
        while (running) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            }
            if (caughtUp.getCount() > 0) {
                log.info("no topic {} yet: bidding on campaign priors until a model is published", topic);
                caughtUp.countDown();
            }
            sleep(wait);
            wait = Math.min(wait * 2, 5_000);
        }
        return List.of();
    }

    private void installNewest(ConsumerRecords<String, byte[]> records) {
        byte[] newest = null;
        long newestVersion = holder.version();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (!KEY.equals(r.key()) || r.value() == null) {
                continue;
            }
            try {
                long version = CtrModelCodec.version(r.value());
                if (version > newestVersion) {
                    newest = r.value();
                    newestVersion = version;
                }
            } catch (IllegalArgumentException e) {
                reject(r, e);
            }
        }
        if (newest == null) {
            return;
        }
        try {
            CtrModel model = CtrModelCodec.decode(newest).withPriorWeight(priorWeight);
            if (holder.install(model)) {
                log.info("pCTR model version {} installed ({} non-zero weights, {} campaigns)", model.version(),
                        model.nonZeroWeights(), model.campaignImpressions().size());
            }
        } catch (IllegalArgumentException e) {
            rejected++;
            log.warn("unreadable pCTR model version {} on {}: {}", newestVersion, topic, e.getMessage());
        }
    }

    private void reject(ConsumerRecord<String, byte[]> r, IllegalArgumentException e) {
        rejected++;
        log.warn("unreadable pCTR model at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
    }

    /** Sleeps in short steps so that stopping does not wait for a long back-off. */
    private void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            while (running && System.nanoTime() < end) {
                Thread.sleep(Math.min(100, millis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
