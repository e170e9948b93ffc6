package io.adplatform.offline.clickhouse;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The reporting store's client, migrated before anything reads or writes it. */
@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {

    @Bean
    ClickHouse clickHouse(ClickHouseProperties props, ObjectMapper json, Clock clock) {
        ClickHouse clickHouse = new ClickHouse(props, json);
        new ClickHouseMigrations(clickHouse, clock).migrate();
        return clickHouse;
    }
}
