package io.adplatform.offline.loader;

import io.adplatform.offline.clickhouse.ClickHouse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the loader's consumers ({@code adplatform.loader.consumers} threads), started with the application. */
public class StreamLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamLoader.class);

    private final Map<String, Object> kafka;
    private final ClickHouse clickHouse;
    private final LoaderOffsets offsets;
    private final LoaderProperties props;
    private final LoaderMetrics metrics;
    private final Clock clock;
    private final List<LoaderWorker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;

    StreamLoader(Map<String, Object> kafka, ClickHouse clickHouse, LoaderOffsets offsets, LoaderProperties props,
                 LoaderMetrics metrics, Clock clock) {
        this.kafka = kafka;
        this.clickHouse = clickHouse;
        this.offsets = offsets;
        this.props = props;
        this.metrics = metrics;
        this.clock = clock;
        props.topics().forEach(StreamTables::forTopic);
    }

    @Override
    public synchronized void start() {
        for (int i = 0; i < props.consumers(); i++) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, props.groupId());
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, props.groupId() + "-" + i);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, props.maxPollRecords());
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            LoaderWorker worker = new LoaderWorker(() -> new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer()), props.topics(), clickHouse, offsets, props, metrics, clock);
            Thread t = new Thread(worker, "loader-" + i);
            t.start();
            workers.add(worker);
        }
        running = true;
        log.info("loader: {} consumer(s) in group {} loading {}", props.consumers(), props.groupId(), props.topics());
    }

    @Override
    public synchronized void stop() {
        for (LoaderWorker w : workers) {
            try {
                w.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The consumers that are failing right now: since when, and why. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            LoaderWorker w = workers.get(i);
            if (w.failingSince() != null) {
                out.add("consumer " + i + " failing since " + w.failingSince() + ": " + w.failure());
            }
        }
        return out;
    }

    /** Records in Kafka not yet in ClickHouse, over this instance's partitions (refreshed every 5 s). */
    public long lag() {
        return metrics.totalLag();
    }
}
