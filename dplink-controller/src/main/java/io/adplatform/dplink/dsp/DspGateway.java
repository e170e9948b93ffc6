package io.adplatform.dplink.dsp;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way to a DSP: picks the ad's client, keeps to our rate limit towards that DSP, and retries what may pass
 * later (exponential backoff with ±50 % jitter) a bounded number of times. What still fails is thrown: the caller parks
 * the task rather than hold up its partition.
 */
@Component
public class DspGateway {

    private static final Logger log = LoggerFactory.getLogger(DspGateway.class);

    private final Map<Dsp, DspClient> clients = new EnumMap<>(Dsp.class);
    private final Map<Dsp, RateLimiter> limiters = new EnumMap<>(Dsp.class);
    private final DspProperties properties;
    private final MeterRegistry meters;

    public DspGateway(DspProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        DspHttp http = new DspHttp(properties.requestTimeout());
        for (DspClient c : List.of(new TikTokDspClient(http, properties.tiktok()),
                new MetaDspClient(http, properties.meta()), new GenericHttpDspClient(http, properties.generic()))) {
            clients.put(c.dsp(), c);
        }
        limiters.put(Dsp.TIKTOK, limiter("tiktok", properties.tiktok().rateLimitPerSecond()));
        limiters.put(Dsp.META, limiter("meta", properties.meta().rateLimitPerSecond()));
        limiters.put(Dsp.GENERIC, limiter("generic", properties.generic().rateLimitPerSecond()));
    }

    public String setDeepLink(DspAd ad, String deepLink, String swapKey) {
        return call(ad, "set_deeplink", c -> c.setDeepLink(ad, deepLink, swapKey));
    }

    public String pause(DspAd ad) {
        return call(ad, "pause", c -> c.pause(ad));
    }

    public String resume(DspAd ad) {
        return call(ad, "resume", c -> c.resume(ad));
    }

    private String call(DspAd ad, String operation, Function<DspClient, String> call) {
        DspClient client = clients.get(ad.dsp());
        RateLimiter limiter = limiters.get(ad.dsp());
        Duration pause = properties.backoffInitial();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            String outcome = "ok";
            try {
                if (!limiter.acquirePermission()) {
                    outcome = "rate_limited";
                    throw new DspException("our rate limit towards " + ad.dsp() + " left no permit", true, null);
                }
                return call.apply(client);
            } catch (DspException e) {
                if (!outcome.equals("rate_limited")) {
                    outcome = e.retryable() ? "retryable" : "refused";
                }
                if (!e.retryable() || attempt >= properties.attempts()) {
                    throw e;
                }
                log.info("{} {} of ad {} failed (attempt {}), again in {}: {}", ad.dsp(), operation, ad.dspAdId(),
                        attempt, pause, e.getMessage());
                sleep(jitter(pause));
                pause = min(Duration.ofNanos((long) (pause.toNanos() * properties.backoffMultiplier())),
                        properties.backoffMax());
            } finally {
                Timer.builder("dplink.dsp.calls").tag("dsp", ad.dsp().name().toLowerCase())
                        .tag("operation", operation).tag("outcome", outcome).register(meters)
                        .record(Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    private RateLimiter limiter(String name, int perSecond) {
        return RateLimiter.of("dsp-" + name, RateLimiterConfig.custom().limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(5)).build());
    }

    private static Duration jitter(Duration d) {
        double f = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (d.toNanos() * f));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DspException("interrupted while backing off", true, null, e);
        }
    }
}
