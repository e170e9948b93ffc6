package io.adplatform.ingestion.events;

import io.adplatform.common.event.SdkEvent;
import io.adplatform.ingestion.kafka.IngestionKafkaProperties;
import io.adplatform.ingestion.kafka.RequestProducers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

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

    /** The HTTP side's producer for sdk-events: acks=all, idempotent, timeouts below the request's wait (see RequestProducers). */
    @Bean
    DefaultKafkaProducerFactory<String, SdkEvent> sdkEventsProducerFactory(KafkaProperties kafka,
                                                                         IngestionKafkaProperties tuning,
                                                                         EventsProperties events, MeterRegistry meters) {
        return RequestProducers.create(SdkEvent.class, "ingestion-events", kafka, tuning, events.produceTimeout(), meters);
    }

    @Bean
    KafkaTemplate<String, SdkEvent> sdkEventsTemplate(DefaultKafkaProducerFactory<String, SdkEvent> sdkEventsProducerFactory) {
        return new KafkaTemplate<>(sdkEventsProducerFactory);
    }
}
