package io.adplatform.ingestion.kafka;

import io.adplatform.common.kafka.JsonSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The producers that HTTP requests wait on (sdk-events, tracking-clicks): acks=all and idempotent (nothing lost,
 * nothing doubled by the producer's own retries), batching for throughput, and timeouts that fail a record before the
 * request stops waiting for it, so "retry"/503 answers are rarely followed by a late write. One producer per value
 * type, each with its own buffer, so a flood of one kind of record cannot hold up the other.
 */
public final class RequestProducers {

    private RequestProducers() {
    }

    /**
     * @param clientIdPrefix  names the producer in Kafka's client metrics ({@code kafka_producer_*{client_id}}) unless
     *                        {@code spring.kafka.producer.client-id} is set
     * @param produceTimeout  how long the request waits for the acknowledgement
     */
    public static <T> DefaultKafkaProducerFactory<String, T> create(Class<T> valueType, String clientIdPrefix,
                                                                    KafkaProperties kafka, IngestionKafkaProperties tuning,
                                                                    Duration produceTimeout, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildProducerProperties();
        long wait = produceTimeout.toMillis();
        long maxBlock = Math.max(100, Math.min(2_000, wait / 4));
        long delivery = Math.max(tuning.lingerMs() + 1_000L, wait - maxBlock - 500);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, tuning.lingerMs());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, tuning.batchSize());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, tuning.compression());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, (delivery - tuning.lingerMs()) / 2));
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix); // the factory appends "-1", "-2", ...
        DefaultKafkaProducerFactory<String, T> factory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), JsonSerde.of(valueType));
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }
}
