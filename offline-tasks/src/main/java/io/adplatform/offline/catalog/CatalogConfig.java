package io.adplatform.offline.catalog;

import io.adplatform.offline.scheduler.ScheduledJob;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** The product catalog sync and its job. */
@Configuration(proxyBeanMethods = false)
class CatalogConfig {

    @Bean
    ProductRepository productRepository(JdbcClient jdbc) {
        return new ProductRepository(jdbc);
    }

    @Bean
    ProductCatalogSync productCatalogSync(CatalogProperties props, ObjectMapper json, ProductRepository products,
                                          Clock clock) {
        return new ProductCatalogSync(new CatalogClient(props, json), products, props.pageSize(), clock);
    }

    @Bean
    ScheduledJob productCatalogJob(ProductCatalogSync sync, CatalogProperties props) {
        return new ProductCatalogJob(sync, props.cron());
    }
}
