package io.adplatform.newdevice.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.activation.ActivationCheck;
import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.activation.ActivationCheckResponse;
import io.adplatform.common.activation.ActivationCheckResult;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.Platform;
import io.adplatform.common.kafka.EventJson;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The service over real HTTP against the machine's Redis, under a key prefix of its own. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActivationPoolApiTest {

    private static final String PREFIX = "test-np-api-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final String BAD_APP = "bad-app";

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("adplatform.new-device.pool.key-prefix", () -> PREFIX);
        registry.add("adplatform.new-device.pool.bucket-bits", () -> 8);
        registry.add("adplatform.service-token", () -> TOKEN);
    }

    @BeforeAll
    static void connect() {
        redisClient = RedisClient.create("redis://127.0.0.1:6379");
        redis = redisClient.connect();
    }

    @AfterAll
    static void cleanUp() {
        keys(PREFIX + "*").forEach(redis.sync()::unlink);
        redisClient.shutdown();
    }

    @Test
    void answersInOrderNewThenKnownAndAReplayIsNewAgain() throws Exception {
        String app = "app-" + UUID.randomUUID();
        ActivationCheck a = check(app, "e-a", "2026-11-01T10:00:00.500Z", gaidAndAndroidId());
        ActivationCheck b = check(app, "e-b", "2026-11-01T11:00:00Z", gaidAndAndroidId());

        List<ActivationCheckResult> first = check(a, b);
        List<ActivationCheckResult> second = check(
                check(app, "e-a2", "2026-11-02T10:00:00Z", a.device()), // same device, another event: known
                b);                                                       // same event again (a replay): new

        assertThat(first).extracting(ActivationCheckResult::newDevice).containsExactly(true, true);
        assertThat(first.get(0).firstSeenAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(first.get(0).deviceKey()).isEqualTo("gaid:" + a.device().gaid());
        assertThat(second).extracting(ActivationCheckResult::newDevice).containsExactly(false, true);
        assertThat(second.get(0).firstSeenAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(second.get(1).firstSeenAt()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        assertThat(keys(PREFIX + app + ":*")).as("layout key + the buckets of 4 identifiers").hasSizeBetween(2, 5);
    }

    @Test
    void withoutTheServiceTokenTheCallerGets401ProblemAndNothingIsWritten() throws Exception {
        String body = json(new ActivationCheckRequest(List.of(check(BAD_APP, "e1", null, gaidAndAndroidId()))));

        HttpResponse<String> missing = post(ActivationCheckRequest.PATH, body, null);
        HttpResponse<String> wrong = post(ActivationCheckRequest.PATH, body, "not-the-token");

        for (HttpResponse<String> response : List.of(missing, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(EventJson.mapper().readTree(response.body()).get("status").asInt()).isEqualTo(401);
        }
        assertThat(keys(PREFIX + BAD_APP + ":*")).isEmpty();
    }

    static Stream<Arguments> badBatches() {
        String good = "{\"appId\":\"" + BAD_APP + "\",\"platform\":\"ANDROID\",\"device\":{\"gaid\":\""
                + UUID.randomUUID() + "\"},\"eventId\":\"e-good\"}";
        String tooMany = String.join(",", Collections.nCopies(ActivationCheckRequest.MAX_CHECKS + 1, good));
        return Stream.of(
                Arguments.of("empty batch", "{\"checks\":[]}", "checks"),
                Arguments.of("no checks field", "{}", "checks"),
                Arguments.of("1001 checks", "{\"checks\":[" + tooMany + "]}", "checks"),
                Arguments.of("no identifier, after a good check", "{\"checks\":[" + good + ",{\"appId\":\"" + BAD_APP
                        + "\",\"device\":{},\"eventId\":\"e2\"}]}", "checks[1].device"),
                Arguments.of("only an all-zero advertising id", "{\"checks\":[{\"appId\":\"" + BAD_APP
                        + "\",\"platform\":\"IOS\",\"device\":{\"idfa\":\"00000000-0000-0000-0000-000000000000\"},"
                        + "\"eventId\":\"e1\"}]}", "checks[0].device"),
                Arguments.of("blank appId", "{\"checks\":[" + good + ",{\"appId\":\" \",\"device\":{\"gaid\":\"g\"},"
                        + "\"eventId\":\"e2\"}]}", "checks[1].appId"),
                Arguments.of("missing eventId", "{\"checks\":[{\"appId\":\"" + BAD_APP
                        + "\",\"device\":{\"gaid\":\"g\"}}]}", "checks[0].eventId"),
                Arguments.of("null check", "{\"checks\":[" + good + ",null]}", "checks[1]"),
                Arguments.of("malformed JSON", "{\"checks\":[" + good + ",{\"appId\":", null),
                Arguments.of("device of the wrong type", "{\"checks\":[{\"appId\":\"" + BAD_APP
                        + "\",\"device\":\"abc\",\"eventId\":\"e1\"}]}", "checks[0].device"),
                Arguments.of("occurredAt not a time", "{\"checks\":[{\"appId\":\"" + BAD_APP
                        + "\",\"device\":{\"gaid\":\"g\"},\"eventId\":\"e1\",\"occurredAt\":\"yesterday\"}]}",
                        "checks[0].occurredAt"),
                Arguments.of("unknown platform", "{\"checks\":[{\"appId\":\"" + BAD_APP
                        + "\",\"platform\":\"WINDOWS\",\"device\":{\"gaid\":\"g\"},\"eventId\":\"e1\"}]}",
                        "checks[0].platform"),
                Arguments.of("checks not a list", "{\"checks\":\"all of them\"}", "checks"),
                Arguments.of("occurredAt before 1970", "{\"checks\":[{\"appId\":\"" + BAD_APP
                        + "\",\"device\":{\"gaid\":\"g\"},\"eventId\":\"e1\",\"occurredAt\":\"1969-12-31T23:59:59Z\"}]}",
                        "checks[0].occurredAt"),
                Arguments.of("empty body", "", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void aBadBatchGets400NamingTheFieldAndWritesNothing(String name, String body, String field) throws Exception {
        HttpResponse<String> response = post(ActivationCheckRequest.PATH, body, TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").isArray()).isTrue();
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        if (field != null) {
            assertThat(fields).contains(field);
        } else {
            assertThat(fields).isNotEmpty();
        }
        assertThat(keys(PREFIX + BAD_APP + ":*")).as("nothing written").isEmpty();
    }

    @Test
    void twoCallersCheckingTheSameNewDeviceAtOnceGetExactlyOneNew() throws Exception {
        String app = "app-race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                DeviceIds device = gaidAndAndroidId();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<ActivationCheckResult>> answers = new ArrayList<>();
                for (int caller = 0; caller < 2; caller++) {
                    ActivationCheck check = check(app, "e-" + round + "-" + caller, null, device);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return check(check).get(0);
                    }));
                }
                long newOnes = 0;
                for (Future<ActivationCheckResult> answer : answers) {
                    newOnes += answer.get().newDevice() ? 1 : 0;
                }
                assertThat(newOnes).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lookupReadsFirstSeenAndAnswers404ForAnUnknownDevice() throws Exception {
        String app = "app-lookup-" + UUID.randomUUID();
        DeviceIds device = gaidAndAndroidId();
        check(check(app, "e1", "2026-10-10T10:10:10Z", device));

        HttpResponse<String> found = post(ActivationPoolController.LOOKUP_PATH,
                "{\"appId\":\"" + app + "\",\"platform\":\"ANDROID\",\"device\":{\"androidId\":\"" + device.androidId()
                        + "\"}}", TOKEN);
        HttpResponse<String> unknown = post(ActivationPoolController.LOOKUP_PATH,
                "{\"appId\":\"" + app + "\",\"device\":{\"gaid\":\"" + UUID.randomUUID() + "\"}}", TOKEN);
        HttpResponse<String> invalid = post(ActivationPoolController.LOOKUP_PATH, "{\"appId\":\"" + app
                + "\",\"device\":{}}", TOKEN);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(found.body()).get("firstSeenAt").asString())
                .isEqualTo("2026-10-10T10:10:10Z");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"device\"");
    }

    @Test
    void operationsEndpointsAnswer() throws Exception {
        check(check("app-ops-" + UUID.randomUUID(), "e1", null, gaidAndAndroidId()));

        assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("activation_pool_checks_total\\{[^}]*result=\"new\"[^}]*} [1-9]");
        assertThat(metrics).contains("activation_pool_checks_total{", "result=\"known\"", "result=\"replayed\"");
        assertThat(metrics).contains("activation_pool_check_batch_seconds_bucket{");
        assertThat(get("/v3/api-docs").body()).contains(ActivationCheckRequest.PATH, "serviceToken");
    }

    @Test
    void registeringAnAppPinsItsLayoutOnceAndChecksKeepIt() throws Exception {
        String app = "com.registered." + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> first = put("/internal/v1/activation-pool/apps/" + app, TOKEN);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode body = EventJson.mapper().readTree(first.body());
        assertThat(body.get("appId").asString()).isEqualTo(app);
        assertThat(body.get("bucketBits").asInt()).isEqualTo(8);
        assertThat(redis.sync().get(PREFIX + app + ":layout")).isEqualTo("8");

        // Another layout already pinned for the app (e.g. by an earlier configuration) is kept and answered.
        String other = "com.registered.other" + UUID.randomUUID().toString().replace("-", "");
        redis.sync().set(PREFIX + other + ":layout", "5");
        HttpResponse<String> kept = put("/internal/v1/activation-pool/apps/" + other, TOKEN);
        assertThat(EventJson.mapper().readTree(kept.body()).get("bucketBits").asInt()).isEqualTo(5);
        assertThat(put("/internal/v1/activation-pool/apps/" + app, TOKEN).statusCode()).isEqualTo(200);
        assertThat(check(check(app, "e-reg", null, gaidAndAndroidId())).get(0).newDevice()).isTrue();
        assertThat(redis.sync().get(PREFIX + app + ":layout")).isEqualTo("8");

        assertThat(put("/internal/v1/activation-pool/apps/" + app, null).statusCode()).isEqualTo(401);
        HttpResponse<String> tooLong = put("/internal/v1/activation-pool/apps/" + "a".repeat(300), TOKEN);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("appId");
    }

    private HttpResponse<String> put(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .PUT(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("X-Service-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ActivationCheckResult> check(ActivationCheck... checks) throws Exception {
        HttpResponse<String> response =
                post(ActivationCheckRequest.PATH, json(new ActivationCheckRequest(List.of(checks))), TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readValue(response.body(), ActivationCheckResponse.class).results();
    }

    private static ActivationCheck check(String app, String eventId, String occurredAt, DeviceIds device) {
        return new ActivationCheck(app, Platform.ANDROID, device, eventId,
                occurredAt == null ? null : Instant.parse(occurredAt));
    }

    private static DeviceIds gaidAndAndroidId() {
        return new DeviceIds(null, null, null, UUID.randomUUID().toString(), null,
                Long.toHexString(UUID.randomUUID().getMostSignificantBits()));
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Service-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String json(Object value) {
        return EventJson.mapper().writeValueAsString(value);
    }

    private static List<String> keys(String pattern) {
        return ScanIterator.scan(redis.sync(), ScanArgs.Builder.matches(pattern).limit(1000)).stream().toList();
    }
}
