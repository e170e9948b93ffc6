package io.adplatform.dplink;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** DP-link controller (seed 004): counts clicks per deep link and swaps ads' links before their caps. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DplinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(DplinkApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
