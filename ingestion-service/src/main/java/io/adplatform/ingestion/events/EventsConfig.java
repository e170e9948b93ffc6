package io.adplatform.ingestion.events;

import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.ingestion.kafka.IngestionKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

@Configuration(proxyBeanMethods = false)
class EventsConfig {

    @Bean
    EventValidator eventValidator(Clock clock, EventsProperties properties) {
        return new EventValidator(clock, properties.maxFutureSkew(), properties.maxAge());
    }

    @Bean
    ClientIpResolver clientIpResolver(EventsProperties properties) {
        return new ClientIpResolver(properties.trustedProxies());
    }

    @Bean
    DedupStore dedupStore(StringRedisTemplate redis, EventsProperties properties) {
        return new RedisDedupStore(redis, properties.dedupKeyPrefix(), properties.dedupTtl(), properties.dedupPendingTtl());
    }

    @Bean
    EventIntake eventIntake(DedupStore dedup, KafkaTemplate<String, SdkEvent> sdkEventsTemplate, EventsProperties properties) {
        return new EventIntake(dedup, new KafkaEventPublisher(sdkEventsTemplate), properties.produceTimeout());
    }

    /**
     * The HTTP side's producer: acks=all and idempotent (nothing lost, nothing doubled by the producer's own retries),
     * batching for throughput, and timeouts that fail a record before the request stops waiting for it, so "retry"
     * answers are rarely followed by a late write.
     */
    @Bean
    DefaultKafkaProducerFactory<String, SdkEvent> sdkEventsProducerFactory(KafkaProperties kafka,
                                                                         IngestionKafkaProperties tuning,
                                                                         EventsProperties events, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildProducerProperties();
        long wait = events.produceTimeout().toMillis();
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
        DefaultKafkaProducerFactory<String, SdkEvent> factory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), JsonSerde.of(SdkEvent.class));
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }

    @Bean
    KafkaTemplate<String, SdkEvent> sdkEventsTemplate(DefaultKafkaProducerFactory<String, SdkEvent> sdkEventsProducerFactory) {
        return new KafkaTemplate<>(sdkEventsProducerFactory);
    }
}
