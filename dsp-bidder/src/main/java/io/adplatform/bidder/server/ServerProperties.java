package io.adplatform.bidder.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The exchange-facing Netty server.
 *
 * @param port            where exchanges send bid requests and notices arrive
 * @param workerThreads   event-loop threads (0 = one per core)
 * @param maxRequestSize  largest bid request accepted (after gunzip); larger → 413
 * @param networkMargin   taken off {@code tmax} for the way back to the exchange: a bid that cannot be ready by
 *                        {@code tmax − margin} becomes a no-bid
 * @param defaultTmax     the budget when a request has no {@code tmax}
 * @param minBudget       below this much time left, answer no-bid at once rather than start
 * @param defaultExchange exchange name when the request URL has no {@code ?exchange=}
 */
@ConfigurationProperties("adplatform.bidder.server")
public record ServerProperties(@DefaultValue("8085") int port, @DefaultValue("0") int workerThreads,
                               @DefaultValue("64KB") DataSize maxRequestSize,
                               @DefaultValue("15ms") Duration networkMargin,
                               @DefaultValue("120ms") Duration defaultTmax,
                               @DefaultValue("2ms") Duration minBudget,
                               @DefaultValue("default") String defaultExchange) {
}
