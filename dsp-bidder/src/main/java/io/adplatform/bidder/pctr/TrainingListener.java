package io.adplatform.bidder.pctr;

import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.ObjectReader;

/**
 * The pCTR trainer: one thread reads {@code bid-events}, joins IMPRESSION and CLICK events into examples, trains
 * FTRL-Proximal on them and every publish interval publishes a new model version. Runs only where
 * {@code adplatform.bidder.pctr.training-enabled=true}, which must be exactly one instance of a deployment: two
 * trainers would each learn from part of the events and overwrite each other's versions. It resumes from the newest
 * published model, so a restart loses only the examples still waiting for their clicks. Versions are
 * {@code max(previous + 1, epoch millis)}: they increase across restarts and say when they were made.
 */
public final class TrainingListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrainingListener.class);
    private static final ObjectReader READER = EventJson.mapper().readerFor(BidEvent.class);
    private static final byte[] TYPE_FIELD = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final Duration POLL = Duration.ofMillis(200);

    private final PctrProperties properties;
    private final Map<String, Object> consumerConfig;
    private final CtrModelHolder holder;
    private final ModelSubscriber subscriber;
    private final ModelPublisher publisher;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    // read by metrics from other threads; written by the trainer thread after each poll
    private volatile long examples;
    private volatile long clicks;
    private volatile double logLoss = Double.NaN;
    private volatile long version;
    private volatile long published;
    private volatile long publishFailures;
    private volatile long unreadable;
    private volatile int pending;
    private volatile ExampleJoiner.Stats joinerStats = new ExampleJoiner.Stats(0, 0, 0, 0, 0, 0, 0, 0, 0);
    private long examplesPublished;

    /** @param kafkaConfig consumer client settings (bootstrap servers, security) */
    public TrainingListener(PctrProperties properties, Map<String, Object> kafkaConfig, CtrModelHolder holder,
                            ModelSubscriber subscriber, ModelPublisher publisher, Clock clock) {
        this.properties = properties;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.trainingGroupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // a new trainer group learns from what the topic still holds; the joiner's wait copes with the backlog
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumerConfig = config;
        this.holder = holder;
        this.subscriber = subscriber;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Registers the trainer's meters: examples, clicks, logloss, model version, joiner drops. */
    public void bindTo(MeterRegistry meters) {
        counter(meters, "pctr.training.examples", "examples trained on", t -> t.examples);
        counter(meters, "pctr.training.clicks", "positive examples trained on", t -> t.clicks);
        counter(meters, "pctr.training.published", "model versions published", t -> t.published);
        counter(meters, "pctr.training.publish.failures", "model versions that could not be published",
                t -> t.publishFailures);
        counter(meters, "pctr.training.unreadable", "bid events that could not be read", t -> t.unreadable);
        Gauge.builder("pctr.training.logloss", this, t -> t.logLoss)
                .description("moving average of the progressive logloss (≈ last 10k examples)").register(meters);
        Gauge.builder("pctr.training.version", this, t -> t.version)
                .description("last model version published").register(meters);
        Gauge.builder("pctr.joiner.pending", this, t -> t.pending)
                .description("impressions waiting for their click").register(meters);
        dropped(meters, "evicted", s -> s.evicted());
        dropped(meters, "late_click", s -> s.lateClicks());
        dropped(meters, "unmatched_click", s -> s.unmatchedClicks());
        dropped(meters, "duplicate_impression", s -> s.duplicateImpressions());
        dropped(meters, "duplicate_click", s -> s.duplicateClicks());
        dropped(meters, "no_features", s -> s.unusable());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "pctr-trainer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false; // polls are short: the thread sees it within a second (no wakeup: it would hit close())
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        publisher.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            while (running && !subscriber.awaitCaughtUp(Duration.ofSeconds(5))) {
                log.info("pCTR trainer waiting for the published models to be read");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        CtrTrainer trainer = resume(holder.current());
        long nextPublish = clock.millis() + properties.publishInterval().toMillis();
        long backoff = 500;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig)) {
                c.subscribe(List.of(Topics.BID_EVENTS));
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        read(trainer, r);
                    }
                    trainer.train();
                    if (clock.millis() >= nextPublish) {
                        publish(trainer);
                        nextPublish = clock.millis() + properties.publishInterval().toMillis();
                    }
                    expose(trainer);
                    backoff = 500;
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("pCTR trainer consumer failed, retrying in {} ms: {}", backoff, e.toString());
                    long end = System.nanoTime() + backoff * 1_000_000;
                    try {
                        while (running && System.nanoTime() < end) {
                            Thread.sleep(100);
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
        publish(trainer); // what was learnt since the last version is not lost on a clean stop
    }

    private CtrTrainer resume(CtrModel last) {
        version = last.version();
        ExampleJoiner joiner = new ExampleJoiner(clock, properties.labelWindow(), properties.maxPending(),
                properties.maxEarlyClicks());
        if (last.version() > 0 && last.bits() == properties.bits()) {
            log.info("pCTR trainer resumes from model version {}", last.version());
            return new CtrTrainer(FtrlProximal.resume(last, properties.ftrl(), properties.resumeGradientSum()), joiner,
                    last.campaignImpressions());
        }
        if (last.version() > 0) {
            log.warn("pCTR trainer starts a new model of {} bits: the published version {} has {} bits",
                    properties.bits(), last.version(), last.bits());
        }
        return new CtrTrainer(new FtrlProximal(properties.bits(), properties.ftrl()), joiner, Map.of());
    }

    private void read(CtrTrainer trainer, ConsumerRecord<String, byte[]> r) {
        byte[] value = r.value();
        if (value == null || !mayBeImpressionOrClick(value)) {
            return;
        }
        BidEvent event;
        try {
            event = READER.readValue(value);
        } catch (RuntimeException e) {
            unreadable++;
            log.debug("unreadable bid event at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return;
        }
        if (event.type() == BidEvent.Type.IMPRESSION) {
            trainer.joiner().impression(event.bidId(), event.features(), event.campaignId(), event.at());
        } else if (event.type() == BidEvent.Type.CLICK) {
            trainer.joiner().click(event.bidId(), event.at());
        }
    }

    /**
     * Most bid events are BIDs, WINs and LOSSes: skip them without parsing when the compact JSON shows the type (a JSON
     * string cannot contain an unescaped quote, so the pattern only matches the field itself); parse when unsure.
     */
    static boolean mayBeImpressionOrClick(byte[] json) {
        int limit = json.length - TYPE_FIELD.length;
        outer:
        for (int i = 0; i < limit; i++) {
            for (int k = 0; k < TYPE_FIELD.length; k++) {
                if (json[i + k] != TYPE_FIELD[k]) {
                    continue outer;
                }
            }
            byte first = json[i + TYPE_FIELD.length];
            return first == 'I' || first == 'C';
        }
        return true;
    }

    private void publish(CtrTrainer trainer) {
        if (trainer.examples() == examplesPublished) {
            return;
        }
        long next = Math.max(Math.max(version, holder.version()) + 1, clock.millis());
        CtrModel model = trainer.snapshot(next);
        try {
            int size = publisher.publish(model);
            version = next;
            examplesPublished = trainer.examples();
            published++;
            log.info("pCTR model version {} published: {} bytes, {} non-zero weights, {} examples, logloss {}", next,
                    size, model.nonZeroWeights(), trainer.examples(), trainer.logLoss());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            publishFailures++;
            log.warn("pCTR model version {} not published: {}", next, e.toString());
        }
    }

    private void expose(CtrTrainer trainer) {
        examples = trainer.examples();
        clicks = trainer.clicks();
        logLoss = trainer.logLoss();
        pending = trainer.joiner().pending();
        joinerStats = trainer.joiner().stats();
    }

    private void counter(MeterRegistry meters, String name, String description, ToDoubleFunction<TrainingListener> f) {
        FunctionCounter.builder(name, this, f).description(description).register(meters);
    }

    private void dropped(MeterRegistry meters, String reason, ToDoubleFunction<ExampleJoiner.Stats> f) {
        FunctionCounter.builder("pctr.joiner.dropped", this, t -> f.applyAsDouble(t.joinerStats))
                .tag("reason", reason).description("impressions and clicks that did not train as themselves")
                .register(meters);
    }
}
