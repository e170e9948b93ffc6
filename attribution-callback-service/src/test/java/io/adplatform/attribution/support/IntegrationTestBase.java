package io.adplatform.attribution.support;

import io.adplatform.attribution.AttributionApplication;
import io.adplatform.attribution.delivery.DeliveryTopics;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.adplatform.fakes.PartnerFakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against real parts: an embedded KRaft Kafka broker, this run's own MariaDB database on the
 * machine's server, and the partner fakes over real HTTP. One of each per test JVM, shared by the test classes that
 * extend this (Spring caches their identical context); the database is dropped when the JVM ends.
 */
@SpringBootTest(classes = AttributionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestBase {

    protected static final EmbeddedKafkaKraftBroker KAFKA;
    protected static final TestDatabase DB;
    protected static final PartnerFakes FAKES;
    protected static final ResultsCollector RESULTS;
    private static final KafkaProducer<String, AttributionEvent> PRODUCER;

    static {
        KAFKA = new EmbeddedKafkaKraftBroker(1, 3);
        KAFKA.afterPropertiesSet();
        List<NewTopic> topics = new ArrayList<>();
        for (String t : List.of(Topics.ATTRIBUTION_EVENTS, Topics.CALLBACK_RESULTS, DeliveryTopics.DEAD_LETTER)) {
            topics.add(new NewTopic(t, 3, (short) 1));
        }
        DeliveryTopics.retryTopics().forEach(t -> topics.add(new NewTopic(t, 3, (short) 1)));
        KAFKA.addTopics(topics.toArray(NewTopic[]::new));
        DB = TestDatabase.create();
        FAKES = PartnerFakes.start();
        RESULTS = new ResultsCollector(KAFKA.getBrokersAsString());
        PRODUCER = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), JsonSerde.of(AttributionEvent.class));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PRODUCER.close();
            RESULTS.close();
            FAKES.close();
            DB.drop();
            KAFKA.destroy();
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        r.add("spring.datasource.url", DB::url);
        r.add("adplatform.service-token", () -> Api.TOKEN);
        r.add("adplatform.attribution.appsflyer.base-url", FAKES::appsflyerBaseUrl);
        r.add("adplatform.attribution.meta.base-url", FAKES::metaBaseUrl);
        r.add("adplatform.attribution.tiktok.base-url", FAKES::tiktokBaseUrl);
        r.add("adplatform.attribution.delivery.backoff.initial", () -> "50ms");
        r.add("adplatform.attribution.delivery.backoff.max", () -> "300ms");
        r.add("adplatform.attribution.delivery.lease", () -> "15s");
        r.add("adplatform.attribution.delivery.http-version", () -> "HTTP_1_1");
        for (String p : List.of("appsflyer", "meta", "tiktok")) {
            r.add("adplatform.attribution." + p + ".resilience.request-timeout", () -> "2s");
            r.add("adplatform.attribution." + p + ".resilience.rate-limit-max-wait", () -> "1s");
        }
        r.add("adplatform.attribution.settings.cache-ttl", () -> "1s");
    }

    @LocalServerPort
    protected int port;
    protected Api api;

    @BeforeEach
    void setUpApi() {
        api = new Api(port);
        FAKES.latency(java.time.Duration.ZERO);
        FAKES.appsflyer().clearScript();
        FAKES.meta().clearScript();
        FAKES.tiktok().clearScript();
    }

    /** A product id no other test uses. */
    protected static String newProductId() {
        return "com.test.p" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    }

    protected static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        sb.append(ThreadLocalRandom.current().nextInt(1, 10));
        while (sb.length() < n) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }

    protected static void produce(AttributionEvent... events) {
        try {
            for (AttributionEvent e : events) {
                PRODUCER.send(new ProducerRecord<>(Topics.ATTRIBUTION_EVENTS, e.partitionKey(), e)).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce", e);
        }
    }

    /** Registers the product's AppsFlyer app at the fake and creates its settings through the API. */
    protected void appsflyer(String productId, String afAppId, String key) {
        FAKES.appsflyer().register(afAppId, key);
        api.ok(api.put("/internal/v1/products/" + productId + "/partners/appsflyer",
                "{\"appId\":\"" + afAppId + "\",\"s2sKey\":\"" + key + "\"}"));
    }

    protected void meta(String productId, String datasetId, String token) {
        FAKES.meta().register(datasetId, token);
        api.ok(api.put("/internal/v1/products/" + productId + "/partners/meta",
                "{\"datasetId\":\"" + datasetId + "\",\"accessToken\":\"" + token + "\"}"));
    }

    protected void tiktok(String productId, String eventSourceId, String token) {
        FAKES.tiktok().register(eventSourceId, token);
        api.ok(api.put("/internal/v1/products/" + productId + "/partners/tiktok",
                "{\"eventSourceId\":\"" + eventSourceId + "\",\"accessToken\":\"" + token + "\"}"));
    }
}
