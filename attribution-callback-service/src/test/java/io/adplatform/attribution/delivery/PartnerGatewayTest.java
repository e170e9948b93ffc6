package io.adplatform.attribution.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.event.Partner;
import io.adplatform.fakes.PartnerFakes;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway against a real local HTTP server (the AppsFlyer fake): circuit breaker and rate limiter. */
class PartnerGatewayTest {

    PartnerFakes fakes;

    @BeforeEach
    void start() {
        fakes = PartnerFakes.start();
        fakes.appsflyer().register("com.example.game", "key-12345678");
    }

    @AfterEach
    void stop() {
        fakes.close();
    }

    PartnerClient client(PartnerResilience r) {
        return new PartnerClient() {
            public Partner partner() {
                return Partner.APPSFLYER;
            }

            public PartnerResilience resilience() {
                return r;
            }

            public Prepared prepare(DeliveryRequest request) {
                throw new UnsupportedOperationException();
            }

            public PartnerAnswer classify(int status, HttpHeaders headers, String body) {
                return status == 200 ? PartnerAnswer.delivered(body)
                        : PartnerAnswer.retryableStatus(status) ? PartnerAnswer.retry(body, null) : PartnerAnswer.reject(body);
            }

            public Instant windowEnd(Instant eventTime) {
                return eventTime.plus(Duration.ofDays(1));
            }
        };
    }

    Prepared.Call call() {
        return new Prepared.Call(URI.create(fakes.appsflyerBaseUrl() + "/inappevent/com.example.game"),
                Map.of("authentication", "key-12345678", "Content-Type", "application/json"),
                "{\"appsflyer_id\":\"1700000000000-1234567890123456789\",\"eventName\":\"af_login\",\"eventValue\":\"\"}");
    }

    static long later() {
        return System.nanoTime() + Duration.ofSeconds(30).toNanos();
    }

    @Test
    void theBulkheadBoundsCallsInFlightAndNeverStartsACallPastItsDeadline() {
        PartnerGateway gateway = gateway(new PartnerResilience(1000, null, Duration.ofSeconds(2), null, null, null, null, 2));
        fakes.appsflyer().latency(Duration.ofMillis(300));

        List<java.util.concurrent.CompletableFuture<PartnerGateway.CallResult>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            futures.add(gateway.send(Partner.APPSFLYER, call(), later()));
        }
        long deadline = System.nanoTime() + Duration.ofMillis(100).toNanos();
        java.util.concurrent.CompletableFuture<PartnerGateway.CallResult> late = gateway.send(Partner.APPSFLYER, call(), deadline);
        futures.forEach(java.util.concurrent.CompletableFuture::join);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(futures).allSatisfy(f -> assertThat(f.join().attempted()).isTrue());
        assertThat(tookMs).as("6 calls, 2 at a time, 300 ms each").isGreaterThanOrEqualTo(850);
        assertThat(late.join().attempted()).isFalse();
        assertThat(late.join().answer().detail()).startsWith("not started in time");
        assertThat(fakes.appsflyer().requestCount()).isEqualTo(6);
        gateway.destroy();
    }

    PartnerGateway gateway(PartnerResilience r) {
        DeliveryProperties props = new DeliveryProperties(null, null, null, null, null, null, null, null,
                java.net.http.HttpClient.Version.HTTP_1_1, null);
        return new PartnerGateway(List.of(client(r)), props, new SimpleMeterRegistry());
    }

    @Test
    void theCircuitOpensOnServerErrorsAndThenDefersWithoutCalling() {
        PartnerGateway gateway = gateway(new PartnerResilience(1000, null, Duration.ofSeconds(2), 50f, 10, 10,
                Duration.ofMinutes(1), null));
        fakes.appsflyer().failNext(10, 500);

        for (int i = 0; i < 10; i++) {
            PartnerGateway.CallResult r = gateway.send(Partner.APPSFLYER, call(), later()).join();
            assertThat(r.attempted()).isTrue();
            assertThat(r.httpStatus()).isEqualTo(500);
        }
        PartnerGateway.CallResult deferred = gateway.send(Partner.APPSFLYER, call(), later()).join();

        assertThat(gateway.circuitState(Partner.APPSFLYER)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(deferred.attempted()).isFalse();
        assertThat(deferred.answer().verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(deferred.answer().retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fakes.appsflyer().requestCount()).isEqualTo(10);
        gateway.destroy();
    }

    @Test
    void rejectionsDoNotOpenTheCircuit() {
        PartnerGateway gateway = gateway(new PartnerResilience(1000, null, Duration.ofSeconds(2), 50f, 10, 10, null, null));
        fakes.appsflyer().failNext(12, 400);

        for (int i = 0; i < 12; i++) {
            assertThat(gateway.send(Partner.APPSFLYER, call(), later()).join().answer().verdict())
                    .isEqualTo(PartnerAnswer.Verdict.REJECT);
        }

        assertThat(gateway.circuitState(Partner.APPSFLYER)).isEqualTo(CircuitBreaker.State.CLOSED);
        gateway.destroy();
    }

    @Test
    void theRateLimiterSpacesCallsAndDefersWhatCannotWait() {
        PartnerGateway gateway = gateway(new PartnerResilience(5, Duration.ofMillis(500), Duration.ofSeconds(2), null,
                null, null, null, null));

        long start = System.nanoTime();
        List<PartnerGateway.CallResult> results = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<PartnerGateway.CallResult>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(gateway.send(Partner.APPSFLYER, call(), later()));
        }
        futures.forEach(f -> results.add(f.join()));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        long sent = results.stream().filter(PartnerGateway.CallResult::attempted).count();
        long deferred = results.stream().filter(r -> !r.attempted()).count();
        assertThat(sent).isBetween(5L, 10L);
        assertThat(deferred).isEqualTo(20 - sent);
        assertThat(fakes.appsflyer().requestCount()).isEqualTo(sent);
        assertThat(tookMs).isLessThan(3000);
        gateway.destroy();
    }

    @Test
    void transportErrorsAreRetryableAttempts() {
        PartnerGateway gateway = gateway(new PartnerResilience(1000, null, Duration.ofMillis(300), null, null, null, null, null));
        fakes.appsflyer().latency(Duration.ofSeconds(2));

        PartnerGateway.CallResult r = gateway.send(Partner.APPSFLYER, call(), later()).join();

        assertThat(r.attempted()).isTrue();
        assertThat(r.httpStatus()).isNull();
        assertThat(r.answer().verdict()).isEqualTo(PartnerAnswer.Verdict.RETRY);
        assertThat(r.answer().detail()).startsWith("transport error: HttpTimeoutException");
        gateway.destroy();
    }
}
