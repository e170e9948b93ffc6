package io.adplatform.ingestion.router;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.JsonSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.client.RestClient;

/** Wiring of the router; off with {@code adplatform.ingestion.router.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "adplatform.ingestion.router", name = "enabled", havingValue = "true", matchIfMissing = true)
class RouterConfig {

    private static final Logger log = LoggerFactory.getLogger(RouterConfig.class);

    @Bean
    ActivationPool activationPool(RestClient.Builder builder, RouterProperties properties,
                                  @Value("${adplatform.service-token}") String serviceToken, MeterRegistry meters) {
        return new HttpActivationPool(builder, properties, serviceToken, meters);
    }

    @Bean
    AttributionStore attributionStore(StringRedisTemplate redis, RouterProperties properties) {
        return new RedisAttributionStore(redis, properties.attributionKeyPrefix(), properties.attributionTtl());
    }

    @Bean
    EventRouter eventRouter(ActivationPool pool, AttributionStore store, Clock clock) {
        return new EventRouter(pool, store, clock);
    }

    @Bean
    SdkEventsListener sdkEventsListener(EventRouter router, KafkaTemplate<String, AttributionEvent> attributionEventsTemplate,
                                        MeterRegistry meters) {
        return new SdkEventsListener(router, attributionEventsTemplate, new RouterMetrics(meters));
    }

    /** Transactional (hence idempotent, acks=all) producer; its transactions also carry the consumed offsets. */
    @Bean
    DefaultKafkaProducerFactory<String, AttributionEvent> attributionEventsProducerFactory(
            KafkaProperties kafka, RouterProperties properties, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        DefaultKafkaProducerFactory<String, AttributionEvent> factory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), JsonSerde.of(AttributionEvent.class));
        factory.setTransactionIdPrefix(properties.transactionIdPrefix());
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }

    @Bean
    KafkaTemplate<String, AttributionEvent> attributionEventsTemplate(
            DefaultKafkaProducerFactory<String, AttributionEvent> attributionEventsProducerFactory) {
        return new KafkaTemplate<>(attributionEventsProducerFactory);
    }

    @Bean
    DefaultKafkaConsumerFactory<String, SdkEvent> routerConsumerFactory(KafkaProperties kafka, RouterProperties properties,
                                                                      MeterRegistry meters) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // only what committed producers wrote; the HTTP side is not transactional, so this costs nothing there
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        // an unreadable record arrives as a null value with the error in a header, instead of failing every poll
        ErrorHandlingDeserializer<SdkEvent> values = new ErrorHandlingDeserializer<>(JsonSerde.of(SdkEvent.class));
        DefaultKafkaConsumerFactory<String, SdkEvent> factory =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), values);
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return factory;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, SdkEvent> routerContainerFactory(
            DefaultKafkaConsumerFactory<String, SdkEvent> routerConsumerFactory,
            DefaultKafkaProducerFactory<String, AttributionEvent> attributionEventsProducerFactory,
            RouterProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, SdkEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(routerConsumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setKafkaAwareTransactionManager(
                new KafkaTransactionManager<>(attributionEventsProducerFactory));
        // After an abort: seek back and process the same batch again after a growing pause, with no limit — a batch
        // is never skipped and never published without the new-device answer. (Batch listeners are never "recovered".)
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        factory.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(
                (record, e) -> log.error("router gave up on {}-{}@{}; this should not happen with an unlimited back-off",
                        record.topic(), record.partition(), record.offset(), e), backOff));
        return factory;
    }
}
