package io.adplatform.bidder.support;

import io.adplatform.bidder.BidderApplication;
import io.adplatform.bidder.geo.MmdbWriter;
import io.adplatform.bidder.server.BidServer;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole bidder against real parts: an embedded KRaft Kafka broker, the machine's Redis under this run's own key
 * prefix, and an IP database built for the run. The exchange-facing port and the internal port are both random.
 */
@SpringBootTest(classes = BidderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BidderIntegrationTestBase {

    protected static final EmbeddedKafkaKraftBroker KAFKA;
    protected static final String REDIS_PREFIX;
    protected static final Path GEO_DB;
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        KAFKA = new EmbeddedKafkaKraftBroker(1, 3, Topics.BID_EVENTS);
        KAFKA.brokerProperties(Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        KAFKA.afterPropertiesSet();
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        REDIS_PREFIX = "bidtest:" + HexFormat.of().formatHex(r) + ":";
        try {
            GEO_DB = Files.createTempFile("bidder-geo", ".mmdb");
            MmdbWriter.write(GEO_DB, List.of(new MmdbWriter.Entry("198.51.100.0/24", "DE", "BE", "Berlin"),
                    new MmdbWriter.Entry("192.0.2.0/24", "GB", "ENG", "London"),
                    new MmdbWriter.Entry("2001:db8::/32", "FR", "IDF", "Paris")));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteRedisKeys(REDIS_PREFIX);
            KAFKA.destroy();
            try {
                Files.deleteIfExists(GEO_DB);
            } catch (IOException ignored) {
                // a temp file
            }
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        registry.add("adplatform.bidder.server.port", () -> "0");
        registry.add("adplatform.bidder.notices.key-prefix", () -> REDIS_PREFIX);
        registry.add("adplatform.bidder.budget.key-prefix", () -> REDIS_PREFIX);
        registry.add("adplatform.bidder.frequency.key-prefix", () -> REDIS_PREFIX);
        registry.add("adplatform.bidder.geo.database", GEO_DB::toString);
        registry.add("adplatform.bidder.campaigns.rebuild-interval", () -> "50ms");
    }

    @LocalServerPort
    protected int internalPort;

    @Autowired
    protected BidServer bidServer;

    protected HttpResponse<String> postJson(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Service-Token", "local-dev-service-token").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Service-Token", "local-dev-service-token")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected String internal(String path) {
        return "http://127.0.0.1:" + internalPort + path;
    }

    protected String exchange(String path) {
        return "http://127.0.0.1:" + bidServer.port() + path;
    }

    protected HttpResponse<String> bid(byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(exchange("/openrtb2/bid")))
                .header("Content-Type", "application/json").header("x-openrtb-version", "2.6")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static String json(Object value) {
        return EventJson.mapper().writeValueAsString(value);
    }

    /** Every bid event published so far (reads the topic from the beginning). */
    protected static List<BidEvent> bidEvents() {
        try (KafkaConsumer<String, BidEvent> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime()), new StringDeserializer(),
                JsonSerde.of(BidEvent.class))) {
            List<TopicPartition> parts = c.partitionsFor(Topics.BID_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<BidEvent> events = new ArrayList<>();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (ConsumerRecord<String, BidEvent> rec : c.poll(Duration.ofMillis(200))) {
                    events.add(rec.value());
                }
            }
            return events;
        }
    }

    static void deleteRedisKeys(String prefix) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(prefix + "*").limit(1000));
            while (keys.hasNext()) {
                c.sync().del(keys.next());
            }
        } finally {
            client.shutdown();
        }
    }
}
