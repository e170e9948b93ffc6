package io.adplatform.bidder.frequency;

import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Frequency-cap wiring: the counters live on the application's shared Lettuce connection. */
@Configuration(proxyBeanMethods = false)
class FrequencyConfig {

    @Bean
    FrequencyStore frequencyStore(StatefulRedisConnection<String, String> redis, FrequencyProperties properties) {
        return new FrequencyStore(redis, properties.keyPrefix());
    }
}
