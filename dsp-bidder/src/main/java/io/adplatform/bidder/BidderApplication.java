package io.adplatform.bidder;

import io.netty.util.ResourceLeakDetector;
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
        // Netty's leak detector records a stack trace for one buffer in 128 — on every Redis command and response,
        // ~1 % of the bid path's CPU. Off in the service, unless asked for with -Dio.netty.leakDetection.level;
        // the tests, which start the context without main, keep Netty's default and so still catch leaks.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        SpringApplication.run(BidderApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
