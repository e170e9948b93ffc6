package io.adplatform.offline.loader;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "adplatform.loader.enabled", havingValue = "true", matchIfMissing = true)
class LoaderConfig {

    @Bean
    StreamLoader streamLoader(KafkaProperties kafka, ClickHouse clickHouse, JdbcClient jdbc, TransactionTemplate tx,
                              LoaderProperties props, MeterRegistry registry, Clock clock) {
        return new StreamLoader(kafka.buildConsumerProperties(), clickHouse, new LoaderOffsets(jdbc, tx, props.groupId()),
                props, new LoaderMetrics(registry), clock);
    }

    /** {@code loader} in health: DOWN while a consumer is failing (MariaDB, ClickHouse or the broker unreachable). */
    @Bean
    HealthIndicator loaderHealthIndicator(StreamLoader loader) {
        return () -> {
            var failures = loader.failures();
            return failures.isEmpty() ? Health.up().withDetail("lag", loader.lag()).build()
                    : Health.down().withDetail("failures", failures).withDetail("lag", loader.lag()).build();
        };
    }
}
