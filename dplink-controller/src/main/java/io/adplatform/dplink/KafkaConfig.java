package io.adplatform.dplink;

import io.adplatform.common.kafka.Topics;
import io.adplatform.dplink.counting.CountingProperties;
import io.adplatform.dplink.replacement.ReplacementProperties;
import io.adplatform.dplink.task.ReplacementTask;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
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
 * Kafka clients. What correctness depends on is fixed here: idempotent producer with acks=all; offsets committed only
 * after a batch is counted (counting) or a task acknowledged (worker); a failure of our own infrastructure retried
 * with backoff, without end, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    ProducerFactory<String, byte[]> dplinkProducerFactory(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dplink-controller");
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(props);
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> dplinkKafkaTemplate(ProducerFactory<String, byte[]> factory) {
        return new KafkaTemplate<>(factory);
    }

    private static DefaultKafkaConsumerFactory<String, byte[]> consumers(KafkaProperties kafka, String group,
                                                                        int maxPoll, MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(props);
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return factory;
    }

    private static DefaultErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }

    /** Counting: batches, committed after the batch's script ran (the script itself dedups a redelivered batch). */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> clickListenerFactory(
            KafkaProperties kafka, CountingProperties counting, MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers(kafka, counting.groupId(), counting.maxPollRecords(), meters));
        factory.setBatchListener(true);
        factory.setConcurrency(counting.concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        factory.setCommonErrorHandler(retryForever());
        return factory;
    }

    /** The worker: one task at a time, acknowledged by the listener itself. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> replacementListenerFactory(
            KafkaProperties kafka, ReplacementProperties replacement, MeterRegistry meters,
            @Value("${adplatform.dplink.replacement.max-poll-interval:300000}") int maxPollInterval) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        // A task may take attempts × request-timeout when a DSP is slow (Meta makes up to four calls per swap): few
        // tasks per poll keep a poll's worth of work well inside max.poll.interval.ms.
        DefaultKafkaConsumerFactory<String, byte[]> consumers = consumers(kafka, replacement.groupId(), 10, meters);
        consumers.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, maxPollInterval));
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(replacement.concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        factory.getContainerProperties().setShutdownTimeout(60_000);
        factory.setCommonErrorHandler(retryForever());
        return factory;
    }

    @Bean
    KafkaAdmin.NewTopics dplinkTopics(CountingProperties counting, ReplacementProperties replacement,
                                      @Value("${adplatform.dplink.topic-replicas:1}") short replicas) {
        return new KafkaAdmin.NewTopics(
                new NewTopic(Topics.TRACKING_CLICKS, counting.topicPartitions(), replicas),
                new NewTopic(ReplacementTask.TOPIC, replacement.topicPartitions(), replicas));
    }
}
