package io.adplatform.attribution.delivery;

import io.adplatform.common.event.Partner;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends prepared calls: per partner a Resilience4j circuit breaker and rate limiter, then a bounded pool of callers
 * (the bulkhead) around one shared JDK HttpClient. 2,000 calls/s at 20 ms needs ~40 in flight; the pools allow
 * {@code max-concurrent-calls} per partner and queue the rest without holding connections. Waiting for a rate permit
 * holds no thread. A call the circuit or the rate limiter holds back is not an attempt: it comes back as a deferral.
 */
@Component
public class PartnerGateway implements DisposableBean {

    /**
     * @param attempted    false when the call was never made (circuit open, no rate permit in time)
     * @param httpStatus   null for transport errors and deferrals
     * @param responseBody the partner's answer, truncated
     */
    public record CallResult(PartnerAnswer answer, boolean attempted, Integer httpStatus, long latencyMs,
                             String responseBody) {
    }

    /** One partner's limits: rate limiter, circuit breaker, and a bulkhead of at most N calls in flight. */
    private record Lane(PartnerClient client, RateLimiter limiter, CircuitBreaker breaker, CallPool queue) {
    }

    /**
     * The bulkhead: a pool of at most {@code max-concurrent-calls} threads per partner, each making one blocking call at
     * a time; further calls wait in its queue (cheap: no connection, no thread). Blocking {@code HttpClient.send} on a
     * bounded pool rather than {@code sendAsync}: on small machines (parallelism 1) the JDK client completes every
     * async response on CompletableFuture's default executor, which then starts a new thread per response.
     */
    static final class CallPool {
        private final java.util.concurrent.ThreadPoolExecutor pool;

        CallPool(String partner, int size) {
            AtomicInteger n = new AtomicInteger();
            this.pool = new java.util.concurrent.ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "partner-" + partner + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
        }

        /** Runs {@code call} when a thread is free, or {@code late} instead if that is after {@code startBy} (nanoTime). */
        <T> CompletableFuture<T> submit(java.util.function.Supplier<T> call, java.util.function.Supplier<T> late,
                                        long startBy) {
            return CompletableFuture.supplyAsync(() -> System.nanoTime() - startBy > 0 ? late.get() : call.get(), pool);
        }

        java.util.concurrent.Executor executor() {
            return pool;
        }

        int inFlight() {
            return pool.getActiveCount();
        }

        int waiting() {
            return pool.getQueue().size();
        }

        void shutdown() {
            pool.shutdownNow();
        }
    }

    static final int MAX_ANSWER_CHARS = 2000;

    private final HttpClient http;
    private final ExecutorService httpExecutor;
    private final Map<Partner, Lane> lanes = new EnumMap<>(Partner.class);
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    PartnerGateway(List<PartnerClient> clients, DeliveryProperties properties, MeterRegistry meters) {
        this.meters = meters;
        RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        for (PartnerClient client : clients) {
            PartnerResilience r = client.resilience();
            String name = client.partner().name().toLowerCase(Locale.ROOT);
            CallPool queue = new CallPool(name, r.maxConcurrentCalls());
            io.micrometer.core.instrument.Gauge.builder("attribution.partner.calls.in.flight", queue, CallPool::inFlight)
                    .tag("partner", name).description("Partner calls in flight (bounded by max-concurrent-calls)")
                    .register(meters);
            io.micrometer.core.instrument.Gauge.builder("attribution.partner.calls.queued", queue, CallPool::waiting)
                    .tag("partner", name).description("Partner calls waiting for a free slot").register(meters);
            lanes.put(client.partner(), new Lane(client, limiters.rateLimiter(name, rateLimiterConfig(r)),
                    breakers.circuitBreaker(name, CircuitBreakerConfig.custom()
                            .failureRateThreshold(r.failureRateThreshold())
                            .slidingWindowSize(r.slidingWindowSize())
                            .minimumNumberOfCalls(r.minimumCalls())
                            .waitDurationInOpenState(r.waitInOpenState())
                            .permittedNumberOfCallsInHalfOpenState(5)
                            .build()), queue));
        }
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
        AtomicInteger n = new AtomicInteger();
        // The client's own internal work (connection setup, reading) only; calls block on the lanes' pools.
        this.httpExecutor = Executors.newFixedThreadPool(4, runnable -> {
            Thread t = new Thread(runnable, "partner-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(properties.httpVersion())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    /** A smooth limit: permits refresh ten times a second rather than as one burst per second. */
    static RateLimiterConfig rateLimiterConfig(PartnerResilience r) {
        int rate = r.rateLimitPerSecond();
        boolean fine = rate >= 10 && rate % 10 == 0;
        return RateLimiterConfig.custom()
                .limitForPeriod(fine ? rate / 10 : rate)
                .limitRefreshPeriod(fine ? Duration.ofMillis(100) : Duration.ofSeconds(1))
                .timeoutDuration(r.rateLimitMaxWait())
                .build();
    }

    public CircuitBreaker.State circuitState(Partner partner) {
        return lanes.get(partner).breaker().getState();
    }

    /**
     * Sends a call through the partner's circuit breaker, rate limiter and bulkhead.
     *
     * @param startBy {@link System#nanoTime()} after which the call must not start any more (its batch has stopped
     *                waiting): it then completes as a deferral, never sent
     */
    public CompletableFuture<CallResult> send(Partner partner, Prepared.Call call, long startBy) {
        Lane lane = lanes.get(partner);
        if (lane == null) {
            throw new IllegalStateException("no client for " + partner);
        }
        PartnerResilience r = lane.client().resilience();
        if (!lane.breaker().tryAcquirePermission()) {
            return CompletableFuture.completedFuture(deferred(partner,
                    "circuit breaker open: " + partner + " failing", r.waitInOpenState()));
        }
        long waitNanos = lane.limiter().reservePermission();
        if (waitNanos < 0) {
            lane.breaker().releasePermission();
            return CompletableFuture.completedFuture(deferred(partner,
                    "rate limit: no permit within " + r.rateLimitMaxWait().toMillis() + " ms", r.rateLimitMaxWait()));
        }
        if (waitNanos == 0) {
            return call(lane, call, startBy);
        }
        // Wait for the permit without holding a thread: the delayed task only queues the call.
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS, Runnable::run))
                .thenCompose(x -> call(lane, call, startBy));
    }

    private CompletableFuture<CallResult> call(Lane lane, Prepared.Call call, long startBy) {
        return lane.queue().submit(() -> doCall(lane, call), () -> {
            lane.breaker().releasePermission();
            return deferred(lane.client().partner(), "not started in time: " + lane.client().partner()
                    + " calls queued behind the bulkhead", null);
        }, startBy);
    }

    private CallResult doCall(Lane lane, Prepared.Call call) {
        PartnerClient client = lane.client();
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(client.resilience().requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach(request::header);
        long start = System.nanoTime();
        HttpResponse<String> resp;
        try {
            resp = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            long nanos = System.nanoTime() - start;
            lane.breaker().onError(nanos, TimeUnit.NANOSECONDS, e);
            timer(client.partner(), "transport_error", "none").record(nanos, TimeUnit.NANOSECONDS);
            String detail = "transport error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new CallResult(PartnerAnswer.retry(detail, null), true, null, TimeUnit.NANOSECONDS.toMillis(nanos), null);
        } catch (InterruptedException e) {
            // Shutting down mid-call: the outcome is unknown, so it is retried (see the duplicate window in the docs).
            Thread.currentThread().interrupt();
            long nanos = System.nanoTime() - start;
            lane.breaker().releasePermission();
            return new CallResult(PartnerAnswer.retry("interrupted while waiting for the answer", null), true, null,
                    TimeUnit.NANOSECONDS.toMillis(nanos), null);
        }
        long nanos = System.nanoTime() - start;
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        String body = truncate(resp.body());
        PartnerAnswer answer;
        try {
            answer = client.classify(resp.statusCode(), resp.headers(), resp.body());
        } catch (RuntimeException e) {
            // An answer we cannot read is the partner's problem or ours; retrying a 2xx would duplicate.
            answer = resp.statusCode() / 100 == 2 ? PartnerAnswer.delivered("unreadable 2xx answer: " + body)
                    : PartnerAnswer.reject("unreadable answer: " + body);
        }
        if (answer.verdict() == PartnerAnswer.Verdict.RETRY && resp.statusCode() >= 500) {
            lane.breaker().onError(nanos, TimeUnit.NANOSECONDS, new PartnerServerError(resp.statusCode()));
        } else {
            lane.breaker().onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        timer(client.partner(), answer.verdict().name().toLowerCase(Locale.ROOT), Integer.toString(resp.statusCode()))
                .record(nanos, TimeUnit.NANOSECONDS);
        return new CallResult(answer, true, resp.statusCode(), millis, body);
    }

    private CallResult deferred(Partner partner, String why, Duration wait) {
        meters.counter("attribution.partner.deferrals", "partner", partner.name().toLowerCase(Locale.ROOT)).increment();
        return new CallResult(PartnerAnswer.retry(why, wait), false, null, 0, null);
    }

    private Timer timer(Partner partner, String verdict, String status) {
        String p = partner.name().toLowerCase(Locale.ROOT);
        return timers.computeIfAbsent(p + '|' + verdict + '|' + status, k -> Timer.builder("attribution.partner.requests")
                .description("Partner HTTP calls by partner, verdict and HTTP status")
                .tag("partner", p).tag("verdict", verdict).tag("status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters));
    }

    static String truncate(String s) {
        return s == null || s.length() <= MAX_ANSWER_CHARS ? s : s.substring(0, MAX_ANSWER_CHARS - 1) + "…";
    }

    @Override
    public void destroy() {
        lanes.values().forEach(l -> l.queue().shutdown());
        httpExecutor.shutdownNow();
    }

    /** Marks a 5xx for the circuit breaker's failure count. */
    static final class PartnerServerError extends RuntimeException {
        PartnerServerError(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
