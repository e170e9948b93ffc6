package io.adplatform.offline.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Wires the scheduler over the service's database; every {@link ScheduledJob} bean is a job. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

    @Bean
    JobStore jobStore(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        return new JobStore(jdbc, new TransactionTemplate(transactions), json);
    }

    @Bean
    JobScheduler jobScheduler(List<ScheduledJob> jobs, JobStore store, SchedulerProperties props, Clock clock,
                              MeterRegistry meters) {
        return new JobScheduler(jobs, store, props, clock, meters);
    }

    /** Starts polling once the context (Flyway included) is up; stops first on shutdown, letting runs finish. */
    @Bean
    SmartLifecycle jobSchedulerLifecycle(JobScheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
