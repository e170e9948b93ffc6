package io.adplatform.ingestion.clicks;

import io.adplatform.common.event.ClickReport;
import io.adplatform.ingestion.kafka.IngestionKafkaProperties;
import io.adplatform.ingestion.kafka.RequestProducers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class ClicksConfig {

    @Bean
    ClickReportReader clickReportReader(Clock clock, ClicksProperties properties) {
        return new ClickReportReader(clock, properties.maxFutureSkew(), properties.maxAge(), properties.maxBatch(),
                properties.maxQueryLength());
    }

    @Bean
    ClickIntake clickIntake(ClickReportReader reader, KafkaTemplate<String, ClickReport> clickReportsTemplate,
                            ClicksProperties properties, MeterRegistry meters) {
        return new ClickIntake(reader, new KafkaClickPublisher(clickReportsTemplate), new ClickMetrics(meters),
                properties.produceTimeout());
    }

    /** Same settings as the sdk-events producer (acks=all, idempotent), its own buffer and its own wait. */
    @Bean
    DefaultKafkaProducerFactory<String, ClickReport> clickReportsProducerFactory(KafkaProperties kafka,
                                                                               IngestionKafkaProperties tuning,
                                                                               ClicksProperties clicks,
                                                                               MeterRegistry meters) {
        return RequestProducers.create(ClickReport.class, "ingestion-clicks", kafka, tuning, clicks.produceTimeout(),
                meters);
    }

    @Bean
    KafkaTemplate<String, ClickReport> clickReportsTemplate(
            DefaultKafkaProducerFactory<String, ClickReport> clickReportsProducerFactory) {
        return new KafkaTemplate<>(clickReportsProducerFactory);
    }
}
