package io.adplatform.bidder;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The DSP bidder (seed 002 §03): answers exchanges' OpenRTB 2.6 bid requests on a bare Netty port inside their time
 * budget, and serves its internal API (campaign loading, audiences, actuator) on the servlet port.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BidderApplication {

    public static void main(String[] args) {
        SpringApplication.run(BidderApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
