package io.adplatform.bidder.budget;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Budget wiring: the Redis books on the application's shared Lettuce connection, and the service that leases from them. */
@Configuration(proxyBeanMethods = false)
class BudgetConfig {

    @Bean
    BudgetStore budgetStore(StatefulRedisConnection<String, String> redis, BudgetProperties properties) {
        return new BudgetStore(redis, properties.store());
    }

    @Bean
    BudgetService budgetService(BudgetStore store, BudgetProperties properties, ObjectProvider<Clock> clock,
                                ObjectProvider<MeterRegistry> meters) {
        return new BudgetService(store, properties, clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable());
    }
}
