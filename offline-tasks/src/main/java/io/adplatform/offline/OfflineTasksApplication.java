package io.adplatform.offline;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Offline tasks (seed 000 §1, seed 002's OLAP): every event stream loaded into ClickHouse, media reports pulled, product
 * metadata synced, jobs scheduled once across instances, and the dashboards' read side.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OfflineTasksApplication {

    public static void main(String[] args) {
        SpringApplication.run(OfflineTasksApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
