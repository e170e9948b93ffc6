package io.adplatform.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.adplatform.common.pii.PiiHashing;
import io.adplatform.ingestion.IngestionApplication;
import io.adplatform.ingestion.support.MmdbWriter;
import io.adplatform.ingestion.support.SignedClient;
import io.adplatform.ingestion.support.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP API end to end: real Tomcat, embedded Kafka, the machine's Redis and MariaDB (own database and key prefix),
 * a real MaxMind DB file. The router is off: this class looks at what the HTTP side writes.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "adplatform.ingestion.router.enabled=false",
                "adplatform.ingestion.kafka.partitions=2",
                "adplatform.ingestion.events.max-body-size=64KB",
                "adplatform.ingestion.events.max-events=20"})
@EmbeddedKafka(partitions = 2)
@DirtiesContext
class EventsApiTest {

    static final String SUFFIX = TestInfra.randomSuffix();
    static final String DATABASE = "ingestion_test_" + SUFFIX;
    static final String PREFIX = "test:ing:" + SUFFIX + ":";
    static final String TOKEN = "local-dev-service-token";
    static final String GAID = "38400000-8cf0-11bd-b23e-10b96e40000d";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfra.databaseUrl(DATABASE));
        registry.add("adplatform.ingestion.events.dedup-key-prefix", () -> PREFIX + "seen:");
        registry.add("adplatform.ingestion.geo.database-path", EventsApiTest::geoDatabase);
    }

    static String geoDatabase() {
        try {
            Path file = Files.createTempFile("ingestion-test-", ".mmdb");
            file.toFile().deleteOnExit();
            new MmdbWriter("geo-whois-asn-country")
                    .add("203.0.113.0/24", Map.of("country_code", "DE"))
                    .add("2001:db8::/32", Map.of("country_code", "JP"))
                    .write(file);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    StringRedisTemplate redis;

    SignedClient client;
    String appId;
    String secret;

    @AfterAll
    static void cleanUp(@Autowired StringRedisTemplate redis) {
        TestInfra.deleteKeys(redis, PREFIX);
        TestInfra.dropDatabase(DATABASE);
    }

    @BeforeEach
    void registerApp() {
        client = new SignedClient("http://127.0.0.1:" + port);
        appId = "com.example.t" + TestInfra.randomSuffix();
        HttpResponse<String> created = client.internal("POST", "/internal/v1/apps", TOKEN,
                "{\"appId\":\"" + appId + "\",\"platform\":\"android\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        secret = json(created).get("secret").asString();
    }

    static String event(String eventId, String type, String extra) {
        return """
                {"eventId":"%s","type":"%s","device":{"gaid":"%s"},"occurredAt":"%s"%s}"""
                .formatted(eventId, type, GAID, Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS), extra);
    }

    static String newId() {
        return io.adplatform.common.event.EventIds.newId();
    }

    @Test
    void singleEventIsWrittenEnrichedAndWithoutRawPersonalData() {
        // given an activation with a clear-text e-mail, through our load balancer (loopback is a trusted proxy)
        String id = newId();
        byte[] body = event(id, "activation", ",\"email\":\"Jane.Doe@Example.com\",\"phone\":\"+49 151 1234 5678\"")
                .getBytes(StandardCharsets.UTF_8);

        // when
        HttpResponse<String> response = client.postEvents(appId, secret, body, System.currentTimeMillis() / 1000,
                "application/json", "6.6.6.6, 203.0.113.7");

        // then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("results").get(0).get("status").asString()).isEqualTo("accepted");
        List<ConsumerRecord<String, String>> records = records();
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        SdkEvent written = JsonSerde.of(SdkEvent.class).deserialize(Topics.SDK_EVENTS,
                record.value().getBytes(StandardCharsets.UTF_8));
        assertThat(record.key()).isEqualTo(appId + ":" + GAID).isEqualTo(written.partitionKey());
        assertThat(written.eventId()).isEqualTo(id);
        assertThat(written.ip()).isEqualTo("203.0.113.7");
        assertThat(written.country()).isEqualTo("DE");
        assertThat(written.userAgent()).isEqualTo("TestSdk/1.0");
        assertThat(written.user().emailSha256()).isEqualTo(PiiHashing.sha256Hex("jane.doe@example.com"));
        assertThat(written.user().phoneSha256()).isEqualTo(PiiHashing.sha256Hex("4915112345678"));
        assertThat(record.value()).doesNotContainIgnoringCase("jane").doesNotContain("1234 5678")
                .doesNotContain("4915112345678\"").doesNotContain("\"email\"").doesNotContain("\"phone\"");
        record.headers().forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContainIgnoringCase("jane"));
        assertThat(redis.opsForValue().get(PREFIX + "seen:" + appId + ":" + id)).isEqualTo("a");
        assertThat(redis.getExpire(PREFIX + "seen:" + appId + ":" + id)).isGreaterThan(6 * 24 * 3600L);
    }

    @Test
    void batchAnswersPerEventAndWritesOnlyTheGoodOnes() {
        String good = newId();
        String bad = newId();
        String body = "{\"events\":[" + event(good, "login", "") + ","
                + "{\"eventId\":\"" + bad + "\",\"type\":\"payment\",\"device\":{\"gaid\":\"" + GAID + "\"},"
                + "\"occurredAt\":\"2020-01-01T00:00:00Z\"}," + event(good, "login", "") + "]}";

        HttpResponse<String> response = client.postEvents(appId, secret, body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode results = json(response).get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("accepted");
        assertThat(results.get(1).get("status").asString()).isEqualTo("refused");
        assertThat(results.get(1).get("eventId").asString()).isEqualTo(bad);
        assertThat(fields(results.get(1).get("errors"))).containsExactlyInAnyOrder("occurredAt", "revenue");
        assertThat(results.get(2).get("status").asString()).isEqualTo("duplicate");
        assertThat(records()).hasSize(1);
        assertThat(redis.hasKey(PREFIX + "seen:" + appId + ":" + bad)).isFalse();
    }

    @Test
    void retriedEventIsWrittenOnce() {
        String id = newId();
        String body = event(id, "custom", ",\"eventName\":\"level_up\"");

        HttpResponse<String> first = client.postEvents(appId, secret, body);
        HttpResponse<String> retry = client.postEvents(appId, secret, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(json(retry).get("results").get(0).get("status").asString()).isEqualTo("duplicate");
        assertThat(records()).hasSize(1);
    }

    @Test
    void wholeRequestProblemsAreClear4xxAndWriteNothing() {
        long now = System.currentTimeMillis() / 1000;
        String valid = event(newId(), "login", "");
        List<String[]> cases = new ArrayList<>();

        check(cases, "malformed JSON", 400, "malformed_json",
                client.postEvents(appId, secret, "{\"eventId\": ".getBytes(StandardCharsets.UTF_8), now, "application/json", null));
        check(cases, "not an object", 400, "not_an_object", client.postEvents(appId, secret, "[" + valid + "]"));
        check(cases, "events not an array", 400, "invalid_batch", client.postEvents(appId, secret, "{\"events\":{}}"));
        check(cases, "empty batch", 400, "empty_batch", client.postEvents(appId, secret, "{\"events\":[]}"));
        check(cases, "wrong types", 422, "no_acceptable_event", client.postEvents(appId, secret,
                "{\"eventId\":\"" + newId() + "\",\"type\":\"login\",\"device\":\"gaid\",\"occurredAt\":12}"));
        check(cases, "all events invalid", 422, "no_acceptable_event", client.postEvents(appId, secret,
                "{\"events\":[{\"type\":\"login\"},{\"eventId\":\"" + newId() + "\",\"type\":\"nope\"}]}"));
        check(cases, "wrong content type", 415, null, client.postEvents(appId, secret,
                valid.getBytes(StandardCharsets.UTF_8), now, "text/plain", null));
        check(cases, "body too large", 413, "body_too_large", client.postEvents(appId, secret,
                ("{\"events\":[" + (valid + ",").repeat(500) + valid + "]}").getBytes(StandardCharsets.UTF_8), now,
                "application/json", null));
        check(cases, "too many events", 413, "too_many_events", client.postEvents(appId, secret,
                "{\"events\":[" + (valid + ",").repeat(20) + valid + "]}"));
        byte[] body = valid.getBytes(StandardCharsets.UTF_8);
        check(cases, "bad signature", 401, "bad_signature", client.postEvents(appId, "not-the-secret", body, now,
                "application/json", null));
        check(cases, "no signature", 401, "missing_signature", client.postEvents(appId, null, body, now,
                "application/json", null));
        check(cases, "stale timestamp", 401, "stale_timestamp", client.postEvents(appId, secret, body, now - 600,
                "application/json", null));
        check(cases, "unknown app", 401, "unknown_app", client.postEvents("com.example.nobody", secret, body, now,
                "application/json", null));
        assertThat(client.internal("POST", "/internal/v1/apps/" + appId + "/disable", TOKEN, null).statusCode()).isEqualTo(200);
        check(cases, "disabled app", 403, "app_disabled", client.postEvents(appId, secret, body, now, "application/json", null));

        assertThat(cases).as("cases with a wrong answer: [case, status, body]").isEmpty();
        assertThat(records()).as("nothing reached Kafka").isEmpty();
        assertThat(TestInfra.keys(redis, PREFIX + "seen:" + appId + ":")).as("nothing reached the dedup store").isEmpty();
    }

    @Test
    void refusalsNameEachEventAndField() {
        String id = newId();
        HttpResponse<String> response = client.postEvents(appId, secret, "{\"events\":[{\"eventId\":\"" + id
                + "\",\"type\":\"payment\",\"device\":{\"gaid\":\"" + GAID + "\"},\"occurredAt\":\""
                + Instant.now() + "\",\"revenue\":{\"amount\":\"abc\",\"currency\":\"USD\"}}]}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = json(response);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("index").asInt()).isZero();
        assertThat(error.get("eventId").asString()).isEqualTo(id);
        assertThat(error.get("field").asString()).isEqualTo("revenue.amount");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
    }

    @Test
    void internalAppApiNeedsTheTokenAndShowsTheSecretOnce() {
        assertThat(client.internal("GET", "/internal/v1/apps/" + appId, null, null).statusCode()).isEqualTo(401);
        assertThat(client.internal("GET", "/internal/v1/apps/" + appId, "wrong", null).statusCode()).isEqualTo(401);

        HttpResponse<String> read = client.internal("GET", "/internal/v1/apps/" + appId, TOKEN, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).has("secret")).isFalse();
        assertThat(read.body()).doesNotContain(secret);
        assertThat(json(read).get("secretHint").asString()).isEqualTo("…" + secret.substring(secret.length() - 4));

        HttpResponse<String> again = client.internal("POST", "/internal/v1/apps", TOKEN,
                "{\"appId\":\"" + appId + "\",\"platform\":\"ANDROID\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> invalid = client.internal("POST", "/internal/v1/apps", TOKEN,
                "{\"appId\":\"not an id\",\"platform\":\"ios\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(fields(json(invalid).get("errors"))).containsExactly("appId");
        HttpResponse<String> malformed = client.internal("POST", "/internal/v1/apps", TOKEN, "{\"appId\":[1]}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));

        // rotation: the new secret works at once, the old one during the grace period
        HttpResponse<String> rotated = client.internal("POST", "/internal/v1/apps/" + appId + "/rotate-secret", TOKEN, null);
        String newSecret = json(rotated).get("secret").asString();
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(client.postEvents(appId, newSecret, event(newId(), "login", "")).statusCode()).isEqualTo(202);
        assertThat(client.postEvents(appId, secret, event(newId(), "login", "")).statusCode()).isEqualTo(202);
    }

    @Test
    void operationsEndpoints() {
        client.postEvents(appId, secret, event(newId(), "login", ""));

        assertThat(client.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        String metrics = client.get("/actuator/prometheus").body();
        assertThat(metrics).contains("ingestion_events_total{outcome=\"accepted\",reason=\"none\"}")
                .contains("ingestion_request_seconds_bucket").contains("ingestion_apps_cached")
                .contains("kafka_producer");
        String openApi = client.get("/v3/api-docs").body();
        assertThat(openApi).contains("/v1/events").contains("/internal/v1/apps");
    }

    private void check(List<String[]> wrong, String name, int status, String reason, HttpResponse<String> response) {
        boolean ok = response.statusCode() == status
                && response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (ok && reason != null) {
            JsonNode body = json(response);
            ok = reason.equals(body.path("reason").asString()) && body.path("status").asInt() == status
                    && !body.path("detail").asString().isEmpty();
        }
        if (!ok) {
            wrong.add(new String[] {name, Integer.toString(response.statusCode()), response.body()});
        }
    }

    private List<ConsumerRecord<String, String>> records() {
        return TestInfra.readAll(brokers, Topics.SDK_EVENTS).stream()
                .filter(r -> r.key() != null && r.key().startsWith(appId + ":")).toList();
    }

    private static List<String> fields(JsonNode errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
