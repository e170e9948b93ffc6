package io.adplatform.attribution;

import static io.adplatform.attribution.support.TestEvents.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.attribution.delivery.DeliveryTopics;
import io.adplatform.attribution.support.Api;
import io.adplatform.attribution.support.TestDatabase;
import io.adplatform.attribution.support.TestEvents;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.adplatform.fakes.PartnerFakes;
import io.adplatform.fakes.ReceivedRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the service mid-stream — while partners are slow and some callbacks wait on retry tiers — starts a new instance
 * on the same database and topics, and checks that every callback reached its partner exactly once. Boots the
 * application the way other modules do: {@link SpringApplicationBuilder} with command-line properties.
 */
class RestartIntegrationTest {

    static final int EVENTS = 150;
    static final String PRODUCT = "com.test.restart";
    static final String DATASET = "424242424242";
    static final String SOURCE = "RESTARTSRC";

    static org.springframework.kafka.test.EmbeddedKafkaKraftBroker kafka;
    static TestDatabase db;
    static PartnerFakes fakes;

    @BeforeAll
    static void startParts() {
        kafka = new org.springframework.kafka.test.EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        List<NewTopic> topics = new ArrayList<>();
        for (String t : List.of(Topics.ATTRIBUTION_EVENTS, Topics.CALLBACK_RESULTS, DeliveryTopics.DEAD_LETTER)) {
            topics.add(new NewTopic(t, 3, (short) 1));
        }
        DeliveryTopics.retryTopics().forEach(t -> topics.add(new NewTopic(t, 3, (short) 1)));
        kafka.addTopics(topics.toArray(NewTopic[]::new));
        db = TestDatabase.create();
        fakes = PartnerFakes.start();
        fakes.appsflyer().register(PRODUCT, "restart-af-key");
        fakes.meta().register(DATASET, "restart-meta-token");
        fakes.tiktok().register(SOURCE, "restart-tt-token");
    }

    @AfterAll
    static void stopParts() {
        fakes.close();
        db.drop();
        kafka.destroy();
    }

    ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(AttributionApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--spring.datasource.url=" + db.url(),
                "--adplatform.service-token=" + Api.TOKEN,
                "--adplatform.attribution.appsflyer.base-url=" + fakes.appsflyerBaseUrl(),
                "--adplatform.attribution.meta.base-url=" + fakes.metaBaseUrl(),
                "--adplatform.attribution.tiktok.base-url=" + fakes.tiktokBaseUrl(),
                "--adplatform.attribution.delivery.max-poll-records=20",
                "--adplatform.attribution.delivery.concurrency=1",
                "--adplatform.attribution.delivery.lease=15s",
                "--adplatform.attribution.delivery.http-version=HTTP_1_1",
                "--adplatform.attribution.delivery.backoff.initial=200ms",
                "--adplatform.attribution.delivery.backoff.max=1s",
                "--adplatform.attribution.appsflyer.resilience.request-timeout=2s",
                "--adplatform.attribution.meta.resilience.request-timeout=2s",
                "--adplatform.attribution.tiktok.resilience.request-timeout=2s",
                "--adplatform.attribution.appsflyer.resilience.rate-limit-max-wait=1s",
                "--adplatform.attribution.meta.resilience.rate-limit-max-wait=1s",
                "--adplatform.attribution.tiktok.resilience.rate-limit-max-wait=1s");
    }

    static long delivered() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM callback_log WHERE status = 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void stoppingAndRestartingMidStreamLosesAndDuplicatesNothing() throws Exception {
        ConfigurableApplicationContext first = startService();
        Api api = new Api(Integer.parseInt(first.getEnvironment().getProperty("local.server.port")));
        api.ok(api.put("/internal/v1/products/" + PRODUCT + "/partners/appsflyer",
                "{\"appId\":\"" + PRODUCT + "\",\"s2sKey\":\"restart-af-key\"}"));
        api.ok(api.put("/internal/v1/products/" + PRODUCT + "/partners/meta",
                "{\"datasetId\":\"" + DATASET + "\",\"accessToken\":\"restart-meta-token\"}"));
        api.ok(api.put("/internal/v1/products/" + PRODUCT + "/partners/tiktok",
                "{\"eventSourceId\":\"" + SOURCE + "\",\"accessToken\":\"restart-tt-token\"}"));
        fakes.latency(Duration.ofMillis(250));
        // Some callbacks fail first, so retries are waiting on the retry tiers when the service stops.
        fakes.appsflyer().failNext(15, 503);
        fakes.tiktok().failNext(15, 500);

        List<AttributionEvent> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        for (int i = 0; i < EVENTS; i++) {
            events.add(TestEvents.android(EventIds.newId(), PRODUCT, TestEvents.androidAfId(), EventType.PAYMENT, null,
                    usd("0.99"), false, at.plusMillis(i)));
        }
        try (KafkaProducer<String, AttributionEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), JsonSerde.of(AttributionEvent.class))) {
            for (AttributionEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.ATTRIBUTION_EVENTS, e.partitionKey(), e));
            }
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> fakes.meta().acceptedEventCount()
                + fakes.tiktok().acceptedEventCount() + fakes.appsflyer().acceptedRequestCount() >= 60);
        first.close();
        long deliveredAtStop = delivered();
        assertThat(deliveredAtStop).as("stopped mid-stream").isLessThan(3L * EVENTS);
        System.out.println("delivered when the first instance stopped: " + deliveredAtStop + " of " + 3 * EVENTS);

        ConfigurableApplicationContext second = startService();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(RestartIntegrationTest::delivered, n -> n == 3L * EVENTS);
        } finally {
            second.close();
        }

        Map<String, Long> afByDevice = fakes.appsflyer().accepted().stream()
                .collect(Collectors.groupingBy(RestartIntegrationTest::afId, Collectors.counting()));
        for (AttributionEvent e : events) {
            String id = e.event().eventId();
            assertThat(fakes.meta().timesAccepted(id)).as("meta " + id).isEqualTo(1);
            assertThat(fakes.tiktok().timesAccepted(id)).as("tiktok " + id).isEqualTo(1);
            assertThat(afByDevice.get(e.event().device().appsflyerId())).as("appsflyer " + id).isEqualTo(1L);
        }
        assertThat(fakes.appsflyer().acceptedRequestCount()).isEqualTo(EVENTS);
        assertThat(fakes.meta().duplicateCount()).isZero();
        assertThat(fakes.tiktok().duplicateCount()).isZero();
        assertThat(fakes.appsflyer().duplicateCount()).isZero();
        List<String> groups = kafka.doWithAdminFunction(admin -> {
            try {
                return admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).toList();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(groups).contains("attribution-callback", "attribution-callback-retry");
    }

    static String afId(ReceivedRequest r) {
        return io.adplatform.common.kafka.EventJson.mapper().readTree(r.body()).get("appsflyer_id").asString();
    }
}
