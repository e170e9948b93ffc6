package io.adplatform.bidder.traffic;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the traffic filter from {@link TrafficProperties} and exposes its verdict counts as a metric. */
@Configuration(proxyBeanMethods = false)
class TrafficConfig {

    private static final Logger log = LoggerFactory.getLogger(TrafficConfig.class);

    @Bean
    TrafficFilter trafficFilter(TrafficProperties properties) throws IOException {
        TrafficFilter filter = TrafficFilter.from(properties);
        log.info("traffic filter: {} blocked networks, {} blocked apps, {} blocked domains, data-centre list '{}', "
                        + "{} requests per device per second", properties.blockedIps().size(),
                properties.blockedApps().size(), properties.blockedDomains().size(), properties.dataCentreRanges(),
                properties.maxRequestsPerDevicePerSecond());
        return filter;
    }

    /** {@code bidder.traffic.requests{verdict=pass|bot|flood|...}}: filtered traffic, by reason. */
    @Bean
    MeterBinder trafficMetrics(TrafficFilter filter) {
        return registry -> {
            for (Verdict verdict : Verdict.values()) {
                FunctionCounter.builder("bidder.traffic.requests", filter, f -> f.count(verdict))
                        .description("Bid requests by traffic filter verdict")
                        .tag("verdict", verdict.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        };
    }
}
