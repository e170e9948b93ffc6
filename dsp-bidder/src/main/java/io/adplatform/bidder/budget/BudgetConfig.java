package io.adplatform.bidder.budget;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Budget wiring: the Redis books on a Lettuce connection of their own, and the service that leases from them. */
@Configuration(proxyBeanMethods = false)
class BudgetConfig {

    /**
     * A connection of its own: a refresh pipelines one script per due campaign, and the bid path's reads must not
     * queue behind it on the shared connection.
     */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> budgetRedis(RedisClient client) {
        return client.connect();
    }

    @Bean
    BudgetStore budgetStore(@Qualifier("budgetRedis") StatefulRedisConnection<String, String> budgetRedis,
                            BudgetProperties properties) {
        return new BudgetStore(budgetRedis, properties.store());
    }

    @Bean
    BudgetService budgetService(BudgetStore store, BudgetProperties properties, ObjectProvider<Clock> clock,
                                ObjectProvider<MeterRegistry> meters) {
        return new BudgetService(store, properties, clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable());
    }
}
