package io.adplatform.attribution.delivery;

import io.adplatform.common.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka clients of the service. Connection settings come from {@code spring.kafka.*}; what delivery correctness
 * depends on is fixed here so no configuration file can loosen it: idempotent producer with acks=all, manual offset
 * commits after the batch's effects are durable, read_committed, raw bytes parsed by the listener (an unreadable record
 * is dead-lettered, never retried forever).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    ProducerFactory<String, byte[]> attributionProducerFactory(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "attribution-callback");
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(props);
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> attributionKafkaTemplate(ProducerFactory<String, byte[]> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    ConsumerFactory<String, byte[]> attributionConsumerFactory(KafkaProperties kafka, DeliveryProperties delivery,
                                                               MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, delivery.maxPollRecords());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, delivery.groupId());
        DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(props);
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return factory;
    }

    /** Named like Boot's default so Boot backs off and {@code @KafkaListener} uses this one. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumers, DeliveryProperties delivery) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(delivery.concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        // On shutdown the batch in hand finishes (its calls answered and recorded) before the consumer closes.
        factory.getContainerProperties().setShutdownTimeout(60_000);
        // A failing batch (database or Kafka down) is retried from its first record, without end: accepted events are
        // never skipped. The ledger makes the re-run a no-op for what already happened.
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    @Bean
    KafkaAdmin.NewTopics attributionTopics(DeliveryProperties delivery) {
        int partitions = delivery.topicPartitions();
        short replicas = delivery.topicReplicas();
        NewTopic[] topics = new NewTopic[2 + DeliveryTopics.TIERS.size()];
        topics[0] = new NewTopic(Topics.CALLBACK_RESULTS, partitions, replicas);
        topics[1] = new NewTopic(DeliveryTopics.DEAD_LETTER, partitions, replicas);
        for (int i = 0; i < DeliveryTopics.TIERS.size(); i++) {
            topics[2 + i] = new NewTopic(DeliveryTopics.TIERS.get(i).topic(), partitions, replicas);
        }
        return new KafkaAdmin.NewTopics(topics);
    }
}
