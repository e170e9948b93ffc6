package io.adplatform.ingestion.apps;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AppsConfig {

    @Bean
    AppRegistry appRegistry(Clock clock, MeterRegistry meters) {
        AppRegistry registry = new AppRegistry(clock);
        Gauge.builder("ingestion.apps.cached", registry, AppRegistry::size)
                .description("Apps in the in-memory credential cache").register(meters);
        Gauge.builder("ingestion.apps.cache.age", registry,
                        r -> Duration.between(r.refreshedAt(), clock.instant()).toMillis() / 1000.0)
                .description("Seconds since the credential cache was last reloaded from the database")
                .baseUnit("seconds").register(meters);
        return registry;
    }

    @Bean
    SignatureVerifier signatureVerifier(AppRegistry registry, Clock clock, AppsProperties properties) {
        return new SignatureVerifier(registry, clock, properties.signatureTolerance());
    }

    @Bean
    AppRegistryRefresh appRegistryRefresh(AppRepository repository, AppRegistry registry, AppsProperties properties) {
        return new AppRegistryRefresh(repository, registry, properties.refreshInterval());
    }

    /**
     * Loads the table once before the first request can arrive (a failure there fails start-up), then reloads it in
     * the background; a failed reload keeps the previous copy.
     */
    static final class AppRegistryRefresh implements DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(AppRegistryRefresh.class);
        private final ScheduledExecutorService scheduler;

        AppRegistryRefresh(AppRepository repository, AppRegistry registry, Duration interval) {
            registry.replaceAll(repository.findAll());
            log.info("loaded {} app credentials", registry.size());
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "app-credentials-refresh");
                t.setDaemon(true);
                return t;
            });
            long millis = interval.toMillis();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    registry.replaceAll(repository.findAll());
                } catch (RuntimeException e) {
                    log.warn("could not reload app credentials; keeping the previous copy: {}", e.toString());
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            scheduler.shutdownNow();
        }
    }
}
