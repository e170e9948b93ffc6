package io.adplatform.ingestion;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * SDK event ingestion: {@code POST /v1/events} (signed per app) → {@code sdk-events}, and the router
 * {@code sdk-events} → {@code attribution-events}. Defaults live in {@code ingestion-service.yml} (see
 * {@link IngestionDefaults}), so the service boots the same from {@code main} or from another program's
 * {@code SpringApplicationBuilder}.
 */
@SpringBootApplication(excludeName =
        // per-command observations cost real CPU at tens of thousands of Redis calls a second; requests are timed whole
        "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")
@ConfigurationPropertiesScan
public class IngestionApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestionApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
