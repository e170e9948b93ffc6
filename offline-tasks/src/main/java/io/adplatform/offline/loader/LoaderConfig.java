package io.adplatform.offline.loader;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "adplatform.loader.enabled", havingValue = "true", matchIfMissing = true)
class LoaderConfig {

    @Bean
    StreamLoader streamLoader(KafkaProperties kafka, ClickHouse clickHouse, JdbcClient jdbc, LoaderProperties props,
                              MeterRegistry registry, Clock clock) {
        return new StreamLoader(kafka.buildConsumerProperties(), clickHouse, new LoaderOffsets(jdbc, props.groupId()),
                props, new LoaderMetrics(registry), clock);
    }
}
