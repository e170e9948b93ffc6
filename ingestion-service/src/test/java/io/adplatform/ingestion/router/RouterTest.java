package io.adplatform.ingestion.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.adplatform.ingestion.IngestionApplication;
import io.adplatform.ingestion.support.SignedClient;
import io.adplatform.ingestion.support.TestInfra;
import io.adplatform.newdevice.NewDeviceApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The router end to end: signed HTTP requests → sdk-events → router (Kafka transactions) → attribution-events, with
 * the real new-device-service running in this JVM on its own port and Redis prefix.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "adplatform.ingestion.kafka.partitions=2",
                "adplatform.ingestion.router.max-poll-records=50",
                "adplatform.ingestion.router.retry-initial=100ms",
                "adplatform.ingestion.router.retry-max=500ms",
                "adplatform.ingestion.router.read-timeout=2s"})
@EmbeddedKafka(partitions = 2)
@DirtiesContext
class RouterTest {

    static final String SUFFIX = TestInfra.randomSuffix();
    static final String DATABASE = "ingestion_test_" + SUFFIX;
    static final String PREFIX = "test:ing:" + SUFFIX + ":";
    static final String POOL_PREFIX = "test:np:" + SUFFIX + ":";
    static final String TOKEN = "local-dev-service-token";
    static final int NEW_DEVICE_PORT = freePort();
    static final String TIKTOK = "{\"mediaSource\":\"tiktokglobal_int\",\"campaign\":\"launch\",\"adSet\":\"de-18-34\","
            + "\"ad\":\"video-1\",\"clickId\":\"E.C.P.abc\"}";

    static ConfigurableApplicationContext newDevice;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfra.databaseUrl(DATABASE));
        registry.add("adplatform.ingestion.events.dedup-key-prefix", () -> PREFIX + "seen:");
        registry.add("adplatform.ingestion.router.attribution-key-prefix", () -> PREFIX + "attr:");
        registry.add("adplatform.ingestion.router.new-device-base-url", () -> "http://127.0.0.1:" + NEW_DEVICE_PORT);
        registry.add("adplatform.ingestion.router.group-id", () -> "router-test-" + SUFFIX);
    }

    @LocalServerPort
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    MeterRegistry meters;

    SignedClient client;
    String appId;
    String secret;

    @BeforeAll
    static void startNewDevice() {
        newDevice = startNewDeviceService();
    }

    /** This JVM's classpath also holds JDBC, Flyway and Kafka: new-device-service uses none of them. */
    static ConfigurableApplicationContext startNewDeviceService() {
        return new SpringApplicationBuilder(NewDeviceApplication.class).run(
                "--spring.autoconfigure.exclude="
                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "--server.port=" + NEW_DEVICE_PORT,
                "--adplatform.new-device.pool.key-prefix=" + POOL_PREFIX,
                "--adplatform.new-device.pool.bucket-bits=4",
                "--adplatform.service-token=" + TOKEN);
    }

    @AfterAll
    static void cleanUp(@Autowired StringRedisTemplate redis) {
        if (newDevice != null) {
            newDevice.close();
        }
        TestInfra.deleteKeys(redis, PREFIX);
        TestInfra.deleteKeys(redis, POOL_PREFIX);
        TestInfra.dropDatabase(DATABASE);
    }

    @BeforeEach
    void registerApp() {
        client = new SignedClient("http://127.0.0.1:" + port);
        appId = "com.example.r" + TestInfra.randomSuffix();
        var created = client.internal("POST", "/internal/v1/apps", TOKEN,
                "{\"appId\":\"" + appId + "\",\"platform\":\"ANDROID\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        secret = io.adplatform.common.kafka.EventJson.mapper().readTree(created.body()).get("secret").asString();
    }

    static String event(String id, String type, String gaid, String extra) {
        return """
                {"eventId":"%s","type":"%s","device":{"gaid":"%s"},"occurredAt":"%s"%s}"""
                .formatted(id, type, gaid, Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS), extra);
    }

    static String gaid() {
        return java.util.UUID.randomUUID().toString();
    }

    @Test
    void newDevicesAttributionAndExactlyOnce() {
        // given an install from a TikTok ad, a reinstall of the same device, its payment, and an organic device
        String device = gaid();
        String organicDevice = gaid();
        String install = EventIds.newId();
        String reinstall = EventIds.newId();
        String payment = EventIds.newId();
        String organicInstall = EventIds.newId();
        String organicLogin = EventIds.newId();

        // when they arrive in separate requests (the payment in a batch with the organic device's events)
        send(event(install, "activation", device, ",\"attribution\":" + TIKTOK));
        send(event(reinstall, "activation", device, ""));
        send("{\"events\":[" + event(payment, "payment", device, ",\"revenue\":{\"amount\":\"4.99\",\"currency\":\"USD\"}")
                + "," + event(organicInstall, "activation", organicDevice, "")
                + "," + event(organicLogin, "login", organicDevice, "") + "]}");
        // and an SDK retries the install (answered "duplicate", not written again)
        send(event(install, "activation", device, ",\"attribution\":" + TIKTOK));

        // then each event is routed exactly once, with the pool's answer and the install's attribution
        Map<String, AttributionEvent> routed = awaitRouted(5);
        assertThat(routed.get(install).newDevice()).isTrue();
        assertThat(routed.get(install).attribution().mediaSource()).isEqualTo("tiktokglobal_int");
        assertThat(routed.get(install).firstSeenAt()).isNotNull();
        assertThat(routed.get(reinstall).newDevice()).isFalse();
        assertThat(routed.get(reinstall).attribution().clickId()).isEqualTo("E.C.P.abc");
        assertThat(routed.get(payment).newDevice()).isFalse();
        assertThat(routed.get(payment).attribution().campaign()).isEqualTo("launch");
        assertThat(routed.get(payment).event().revenue().plainAmount()).isEqualTo("4.99");
        assertThat(routed.get(payment).firstSeenAt()).isEqualTo(routed.get(install).firstSeenAt());
        assertThat(routed.get(organicInstall).newDevice()).isTrue();
        assertThat(routed.get(organicLogin).attribution().isOrganic()).isTrue();
    }

    @Test
    void newDeviceOutageDelaysButNeverSkipsOrGuesses() {
        // given new-device-service is down
        newDevice.close();
        try {
            String install = EventIds.newId();
            send(event(install, "activation", gaid(), ",\"attribution\":" + TIKTOK));

            // then nothing is published without the pool's answer while it is down
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> routedRecords().isEmpty());
            assertThat(meters.find("ingestion.router.newdevice.failures").counters())
                    .anySatisfy(c -> assertThat(c.count()).isPositive());
        } finally {
            // when it comes back
            newDevice = startNewDeviceService();
        }
        // then the held-back batch goes through, once
        Map<String, AttributionEvent> routed = awaitRouted(1);
        assertThat(routed.values()).allSatisfy(e -> assertThat(e.newDevice()).isTrue());
    }

    @Test
    void poisonRecordIsSkippedWithoutBlockingThePartition() {
        String device = gaid();
        String key = appId + ":" + device; // same key → same partition as the good event after it
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SDK_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.SDK_EVENTS, key, "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
        double before = meters.get("ingestion.router.events").tag("outcome", "poison").counter().count();
        String good = EventIds.newId();
        send(event(good, "login", device, ""));

        assertThat(awaitRouted(1)).containsKey(good);
        assertThat(meters.get("ingestion.router.events").tag("outcome", "poison").counter().count())
                .isGreaterThanOrEqualTo(before + 1);
        // the operator's view of the router: consumer lag from the Kafka client metrics
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges()).isNotEmpty();
    }

    private void send(String body) {
        assertThat(client.postEvents(appId, secret, body).statusCode()).isEqualTo(202);
    }

    private List<AttributionEvent> routedRecords() {
        JsonSerde<AttributionEvent> serde = JsonSerde.of(AttributionEvent.class);
        return TestInfra.readAll(brokers, Topics.ATTRIBUTION_EVENTS).stream()
                .filter(r -> r.key().startsWith(appId + ":"))
                .map(r -> serde.deserialize(r.topic(), r.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** Waits for {@code expected} routed events of this test's app, then checks no event id appears twice. */
    private Map<String, AttributionEvent> awaitRouted(int expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> routedRecords().size() >= expected);
        List<AttributionEvent> all = routedRecords();
        assertThat(all).hasSize(expected);
        return all.stream().collect(Collectors.toMap(e -> e.event().eventId(), Function.identity()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
