package io.adplatform.bidder.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Bid path metrics: requests by outcome (bid, no-bid reason, invalid, timeout, error), bids, and latency. */
public final class BidMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Counter bids;
    private final Timer latency;

    public BidMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bids = Counter.builder("bidder.bids").description("bids sent (one per impression bid on)")
                .register(registry);
        this.latency = Timer.builder("bidder.request.latency").description("from request read to answer written")
                .publishPercentileHistogram().register(registry);
    }

    public void outcome(String outcome, int bidCount, long startNanos) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("bidder.requests").tag("outcome", o)
                .description("bid requests by outcome").register(registry)).increment();
        if (bidCount > 0) {
            bids.increment(bidCount);
        }
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
