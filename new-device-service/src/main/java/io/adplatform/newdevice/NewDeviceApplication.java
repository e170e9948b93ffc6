package io.adplatform.newdevice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * new-device-service: the activation pool. Lettuce's per-command observations are switched off: at 100k+ Redis commands
 * a second they cost real CPU, and the pool times whole batches itself. Excluded here rather than in application.yml
 * so it holds when another module starts this application with its own configuration files.
 */
@SpringBootApplication(excludeName =
        "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")
@ConfigurationPropertiesScan
public class NewDeviceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NewDeviceApplication.class, args);
    }
}
