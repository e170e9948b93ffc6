package io.adplatform.attribution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * attribution-callback-service: decides which events go to AppsFlyer, Meta and TikTok, sends them once, retries through
 * Kafka delay tiers and keeps a searchable callback log (MariaDB, which is also the delivery ledger).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AttributionApplication {

    public static void main(String[] args) {
        SpringApplication.run(AttributionApplication.class, args);
    }
}
