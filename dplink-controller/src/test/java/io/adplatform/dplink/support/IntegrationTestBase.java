package io.adplatform.dplink.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.adplatform.dplink.DplinkApplication;
import io.adplatform.dplink.task.ReplacementTask;
import io.adplatform.fakes.PartnerFakes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service against real parts: an embedded KRaft Kafka broker, this run's own MariaDB database, the machine's
 * Redis under this run's own key prefix, and the DSPs faked over real HTTP. One of each per test JVM.
 */
@SpringBootTest(classes = DplinkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestBase {

    protected static final EmbeddedKafkaKraftBroker KAFKA;
    protected static final TestDatabase DB;
    protected static final PartnerFakes FAKES;
    protected static final String REDIS_PREFIX;
    protected static final String TIKTOK_ADVERTISER = "7001";
    protected static final String TIKTOK_TOKEN = "tt-marketing-token";
    protected static final String META_ACCOUNT = "act_9001";
    protected static final String META_TOKEN = "meta-marketing-token";
    protected static final String GENERIC_ACCOUNT = "acc1";
    protected static final String GENERIC_TOKEN = "generic-token";
    private static final KafkaProducer<String, byte[]> PRODUCER;
    private static final AtomicLong CLICK_IDS = new AtomicLong();

    static {
        KAFKA = new EmbeddedKafkaKraftBroker(1, 3, Topics.TRACKING_CLICKS, ReplacementTask.TOPIC);
        KAFKA.brokerProperties(Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        KAFKA.afterPropertiesSet();
        DB = TestDatabase.create();
        FAKES = PartnerFakes.start();
        FAKES.tiktokMarketing().registerAdvertiser(TIKTOK_ADVERTISER, TIKTOK_TOKEN);
        FAKES.metaMarketing().registerAdAccount(META_ACCOUNT, META_TOKEN);
        FAKES.genericDsp().registerAccount(GENERIC_ACCOUNT, GENERIC_TOKEN);
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        REDIS_PREFIX = "dpltest:" + HexFormat.of().formatHex(r) + ":";
        PRODUCER = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(),
                new ByteArraySerializer());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PRODUCER.close();
            FAKES.close();
            DB.drop();
            RedisKeys.deleteAll(REDIS_PREFIX);
            KAFKA.destroy();
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        r.add("spring.datasource.url", DB::url);
        r.add("adplatform.service-token", () -> Api.TOKEN);
        r.add("adplatform.dplink.counting.key-prefix", () -> REDIS_PREFIX);
        r.add("adplatform.dplink.counting.topic-partitions", () -> "3");
        r.add("adplatform.dplink.counting.config-cache-ttl", () -> "200ms");
        r.add("adplatform.dplink.counting.trigger-hold", () -> "3s");
        r.add("adplatform.dplink.counting.dedup", () -> "true");
        r.add("adplatform.dplink.replacement.topic-partitions", () -> "3");
        r.add("adplatform.dplink.replacement.park-retry-initial", () -> "1s");
        r.add("adplatform.dplink.replacement.park-retry-max", () -> "2s");
        r.add("adplatform.dplink.replacement.park-poll-interval", () -> "300ms");
        r.add("adplatform.dplink.replacement.index-sync-interval", () -> "2s");
        r.add("adplatform.dplink.dsp.tiktok.base-url", FAKES::tiktokBaseUrl);
        r.add("adplatform.dplink.dsp.tiktok.access-token", () -> TIKTOK_TOKEN);
        r.add("adplatform.dplink.dsp.tiktok.rate-limit-per-second", () -> "1000");
        r.add("adplatform.dplink.dsp.meta.base-url", FAKES::metaBaseUrl);
        r.add("adplatform.dplink.dsp.meta.access-token", () -> META_TOKEN);
        r.add("adplatform.dplink.dsp.generic.base-url", FAKES::genericDspBaseUrl);
        r.add("adplatform.dplink.dsp.generic.token", () -> GENERIC_TOKEN);
        r.add("adplatform.dplink.dsp.request-timeout", () -> "2s");
        r.add("adplatform.dplink.dsp.backoff-initial", () -> "20ms");
        r.add("adplatform.dplink.dsp.backoff-max", () -> "50ms");
    }

    @LocalServerPort
    protected int port;
    protected Api api;

    @BeforeEach
    void setUpApi() {
        api = new Api(port);
        FAKES.latency(Duration.ZERO);
        FAKES.tiktokMarketing().clearScript();
        FAKES.metaMarketing().clearScript();
        FAKES.genericDsp().clearScript();
    }

    protected static String newAdId() {
        return "ad-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    }

    /** A TikTok ad at the fake and under control here, with {@code links} links uploaded; answers their ids. */
    protected List<Long> tiktokAd(String adId, int cap, int round, int wait, int links) {
        FAKES.tiktokMarketing().createAd(TIKTOK_ADVERTISER, "tt-" + adId, "app://initial");
        Api.Answer a = api.put("/ads/" + adId, """
                {"dsp":"TIKTOK","accountId":"%s","dspAdId":"tt-%s","defaultCap":%d,"roundSize":%d,"waitCapacity":%d,
                 "lateReserve":0}""".formatted(TIKTOK_ADVERTISER, adId, cap, round, wait));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return upload(adId, links);
    }

    protected List<Long> upload(String adId, int links) {
        StringBuilder sb = new StringBuilder("{\"links\":[");
        for (int i = 0; i < links; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"url\":\"myapp://promo/").append(adId).append('/')
                    .append(ThreadLocalRandom.current().nextInt(1_000_000)).append('-').append(i).append("\"}");
        }
        Api.Answer a = api.post("/ads/" + adId + "/links", sb.append("]}").toString());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        List<Long> ids = new ArrayList<>();
        a.json().path("linkIds").forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    protected JsonNode state(String adId) {
        Api.Answer a = api.get("/ads/" + adId);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    protected long generation(String adId) {
        return state(adId).path("generation").asLong();
    }

    protected JsonNode awaitGeneration(String adId, long generation) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> generation(adId) >= generation);
        return state(adId);
    }

    protected JsonNode resume(String adId) {
        long before = generation(adId);
        Api.Answer a = api.post("/ads/" + adId + "/resume", null);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return awaitGeneration(adId, before + 1);
    }

    protected static String urlOf(JsonNode state, long linkId) {
        for (JsonNode l : state.path("links")) {
            if (l.path("linkId").asLong() == linkId) {
                return l.path("url").asString();
            }
        }
        throw new AssertionError("no link " + linkId);
    }

    protected static String stateOf(JsonNode state, long linkId) {
        for (JsonNode l : state.path("links")) {
            if (l.path("linkId").asLong() == linkId) {
                return l.path("state").asString();
            }
        }
        throw new AssertionError("no link " + linkId);
    }

    /** Reports {@code n} clicks on a link, each with a fresh click id; returns once Kafka has them. */
    protected static void clicks(String adId, long linkId, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("c" + CLICK_IDS.incrementAndGet() + "-" + System.nanoTime());
        }
        clicksWithIds(adId, linkId, ids);
    }

    protected static void clicksWithIds(String adId, long linkId, List<String> clickIds) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Instant now = Instant.now();
        for (String id : clickIds) {
            ClickReport report = new ClickReport(id, "tiktok", adId, Long.toString(linkId), now.minusSeconds(2), now,
                    null, null);
            sent.add(PRODUCER.send(new ProducerRecord<>(Topics.TRACKING_CLICKS, Long.toString(linkId),
                    EventJson.mapper().writeValueAsBytes(report))));
        }
        acked(sent);
    }

    protected static void task(ReplacementTask task) {
        acked(List.of(PRODUCER.send(new ProducerRecord<>(ReplacementTask.TOPIC, task.adId(),
                EventJson.mapper().writeValueAsBytes(task)))));
    }

    protected static void rawClick(String key, byte[] value) {
        acked(List.of(PRODUCER.send(new ProducerRecord<>(Topics.TRACKING_CLICKS, key, value))));
    }

    private static void acked(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce", e);
        }
    }
}
