package io.adplatform.bidder.frequency;

import io.adplatform.bidder.redis.BatchedRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Frequency-cap wiring: the counters are read on the bid path's batched connection, counted on the shared one. */
@Configuration(proxyBeanMethods = false)
class FrequencyConfig {

    @Bean
    FrequencyStore frequencyStore(StatefulRedisConnection<String, String> redis, BatchedRedis bidPathRedis,
                                  FrequencyProperties properties) {
        return new FrequencyStore(redis, bidPathRedis, properties.keyPrefix());
    }
}
