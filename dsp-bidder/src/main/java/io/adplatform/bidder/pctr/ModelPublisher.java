package io.adplatform.bidder.pctr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes model versions to the models topic under key {@code ctr}. Creates the topic on first use if it is missing —
 * compacted, one partition (versions stay in order), 16 MB records, hourly segments so compaction keeps the backlog a
 * starting bidder reads short — before anything is sent, so a broker that auto-creates topics never makes it with
 * the wrong settings. Used by the trainer thread only.
 */
public final class ModelPublisher implements AutoCloseable {

    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ModelPublisher.class);
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final Map<String, Object> adminConfig;
    private final String topic;
    private final short replicas;
    private final KafkaProducer<String, byte[]> producer;
    private boolean topicReady;

    /**
     * @param adminConfig    client settings for the admin client that creates the topic
     * @param producerConfig client settings of the producer; size limits, acks and serializers are set here
     */
    public ModelPublisher(Map<String, Object> adminConfig, Map<String, Object> producerConfig, String topic,
                          short replicas) {
        this.adminConfig = adminConfig;
        this.topic = topic;
        this.replicas = replicas;
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_MESSAGE_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"); // the model is gzipped already
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "pctr-model-publisher");
        this.producer = new KafkaProducer<>(config);
    }

    /** Encodes and sends {@code model}, waiting for the broker's acknowledgement; returns the record's size. */
    public int publish(CtrModel model) throws ExecutionException, InterruptedException, TimeoutException {
        ensureTopic();
        byte[] value = CtrModelCodec.encode(model);
        producer.send(new ProducerRecord<>(topic, ModelSubscriber.KEY, value)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return value.length;
    }

    private void ensureTopic() throws ExecutionException, InterruptedException, TimeoutException {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            NewTopic newTopic = new NewTopic(topic, 1, replicas).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES),
                    TopicConfig.SEGMENT_MS_CONFIG, Long.toString(TimeUnit.HOURS.toMillis(1))));
            admin.createTopics(List.of(newTopic)).all().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("created compacted topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        topicReady = true;
    }

    @Override
    public void close() {
        producer.close();
    }
}
