package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic JSON DSP fake over real HTTP. */
class GenericDspFakeTest {

    static final String TOKEN = "dsp-token";
    static final String AD = "ad-1";
    static final String OLD = "myapp://home";
    static final String NEW = "myapp://product/42";

    static PartnerFakes fakes;
    static GenericDspFake dsp;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        dsp = fakes.genericDsp();
        dsp.registerAccount("acc-1", TOKEN).registerAccount("acc-2", "other-token");
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        dsp.latency(Duration.ZERO);
        dsp.createAd("acc-1", AD, OLD).createAd("acc-2", "ad-9", OLD);
    }

    static HttpResponse<String> put(String adId, String field, String body, String token) {
        String url = fakes.genericDspBaseUrl() + "/ads/" + adId + "/" + field;
        return token == null ? FakeHttp.send("PUT", url, "application/json", body)
                : FakeHttp.send("PUT", url, "application/json", body, "Authorization", "Bearer " + token);
    }

    static HttpResponse<String> swap(String deeplink, String requestId) {
        return put(AD, "deeplink", "{\"deeplink\":\"" + deeplink + "\",\"requestId\":\"" + requestId + "\"}", TOKEN);
    }

    @Test
    void swapsTheDeepLinkAndShowsTheState() {
        HttpResponse<String> r = swap(NEW, "req-1");
        HttpResponse<String> state = FakeHttp.get(fakes.genericDspBaseUrl() + "/ads/" + AD, "Authorization",
                "Bearer " + TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("adId").asString()).isEqualTo(AD);
        assertThat(json(r).get("deeplink").asString()).isEqualTo(NEW);
        assertThat(dsp.currentDeeplink(AD)).isEqualTo(NEW);
        assertThat(dsp.deeplinkHistory(AD)).containsExactly(new DeeplinkChange(NEW, FakeRequests.NOW));
        assertThat(dsp.deeplinkUpdateCount()).isEqualTo(1);
        assertThat(json(state).get("deeplink").asString()).isEqualTo(NEW);
        assertThat(json(state).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(json(state).get("updatedAt").asString()).isEqualTo(FakeRequests.NOW.toString());
    }

    @Test
    void pausesAndResumes() {
        HttpResponse<String> paused = put(AD, "status", "{\"status\":\"PAUSED\"}", TOKEN);

        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("status").asString()).isEqualTo("PAUSED");
        assertThat(dsp.status(AD)).isEqualTo("PAUSED");
        assertThat(put(AD, "status", "{\"status\":\"ACTIVE\"}", TOKEN).statusCode()).isEqualTo(200);
        assertThat(dsp.status(AD)).isEqualTo("ACTIVE");
        assertThat(put(AD, "status", "{\"status\":\"STOPPED\"}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(dsp.statusUpdateCount()).isEqualTo(2);
    }

    @Test
    void refusesMissingUnknownAndForeignTokensAndUnknownAds() {
        HttpResponse<String> missing = put(AD, "deeplink", "{\"deeplink\":\"" + NEW + "\"}", null);
        HttpResponse<String> unknown = put(AD, "deeplink", "{\"deeplink\":\"" + NEW + "\"}", "nope");
        HttpResponse<String> foreign = put(AD, "deeplink", "{\"deeplink\":\"" + NEW + "\"}", "other-token");
        HttpResponse<String> noAd = put("ad-404", "deeplink", "{\"deeplink\":\"" + NEW + "\"}", TOKEN);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(noAd.statusCode()).isEqualTo(404);
        assertThat(noAd.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(noAd).get("status").asInt()).isEqualTo(404);
        assertThat(dsp.currentDeeplink(AD)).isEqualTo(OLD);
    }

    @Test
    void refusesMissingOrInvalidDeepLinksAndNonJsonBodies() {
        HttpResponse<String> missing = put(AD, "deeplink", "{\"requestId\":\"r\"}", TOKEN);
        HttpResponse<String> relative = put(AD, "deeplink", "{\"deeplink\":\"product/42\"}", TOKEN);
        HttpResponse<String> malformed = put(AD, "deeplink", "{\"deeplink\":", TOKEN);
        HttpResponse<String> text = FakeHttp.send("PUT", fakes.genericDspBaseUrl() + "/ads/" + AD + "/deeplink",
                "text/plain", NEW, "Authorization", "Bearer " + TOKEN);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("detail").asString()).isEqualTo("deeplink is required");
        assertThat(relative.statusCode()).isEqualTo(400);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(dsp.deeplinkHistory(AD)).isEmpty();
    }

    @Test
    void aRepeatedRequestIdIsAppliedOnce() {
        assertThat(swap(NEW, "req-1").statusCode()).isEqualTo(200);
        assertThat(swap(NEW, "req-1").statusCode()).isEqualTo(200);
        HttpResponse<String> conflict = swap("myapp://other", "req-1");

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(dsp.deeplinkHistory(AD)).hasSize(1);
        assertThat(dsp.timesAccepted("req-1")).isEqualTo(2);
        assertThat(dsp.duplicateCount()).isEqualTo(1);
    }

    @Test
    void scriptedRateLimitsCarryRetryAfterAndChangeNothing() {
        dsp.failNext(2, 429);

        HttpResponse<String> first = swap(NEW, "req-1");
        HttpResponse<String> second = swap(NEW, "req-1");
        HttpResponse<String> third = swap(NEW, "req-1");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(dsp.deeplinkHistory(AD)).hasSize(1);
    }

    @Test
    void aFiveHundredAfterAcceptingThenARetryWithTheSameRequestIdChangesOnce() {
        dsp.failNextAfterAccepting(1, 500);

        assertThat(swap(NEW, "req-1").statusCode()).isEqualTo(500);
        assertThat(dsp.currentDeeplink(AD)).isEqualTo(NEW);
        assertThat(swap(NEW, "req-1").statusCode()).isEqualTo(200);
        assertThat(dsp.deeplinkHistory(AD)).hasSize(1);
    }

    @Test
    void answersSlowlyWhenToldTo() {
        dsp.latency(Duration.ofMillis(100));

        long start = System.nanoTime();
        swap(NEW, "req-1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void wrongMethodsAndPathsAreRefused() {
        HttpResponse<String> post = FakeHttp.postJson(fakes.genericDspBaseUrl() + "/ads/" + AD + "/deeplink", "{}");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("PUT");
        assertThat(FakeHttp.get(fakes.genericDspBaseUrl() + "/campaigns").statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentSwapsAreAllRecorded() {
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 24)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> swap("myapp://item/" + i, "req-" + i))).toList();

        assertThat(calls).allSatisfy(c -> assertThat(c.join().statusCode()).isEqualTo(200));
        assertThat(dsp.deeplinkHistory(AD)).hasSize(24);
        assertThat(dsp.currentDeeplink(AD)).isEqualTo(dsp.deeplinkHistory(AD).get(23).deeplink());
    }
}
