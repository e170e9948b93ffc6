package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.common.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Training to bidding through a real (embedded KRaft) broker: IMPRESSION and CLICK events on {@code bid-events}, where
 * one campaign's ads are clicked far more often, reach the trainer; its model versions reach the bidder's holder over
 * the compacted models topic, and a bidder that starts later reads the newest version from the beginning.
 */
@SpringBootTest(classes = PctrKafkaIntegrationTest.PctrOnly.class, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "adplatform.bidder.pctr.training-enabled=true",
        "adplatform.bidder.pctr.bits=16",
        "adplatform.bidder.pctr.publish-interval=1s",
        "adplatform.bidder.pctr.label-window=2s",
        "adplatform.bidder.pctr.prior-weight=100",
        "adplatform.bidder.pctr.training-group-id=pctr-it",
        // the bidder's readiness group names health contributors of beans this test leaves out
        "management.endpoint.health.validate-group-membership=false"})
@EmbeddedKafka(partitions = 2, topics = Topics.BID_EVENTS, brokerProperties = {
        "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1"})
@DirtiesContext
class PctrKafkaIntegrationTest {

    /** Only the pCTR beans, on Boot's Kafka auto-configuration; no Redis, no database. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
    @EnableConfigurationProperties(PctrProperties.class)
    @Import(PctrConfig.class)
    static class PctrOnly {
    }

    static final int IMPRESSIONS_PER_CAMPAIGN = 3000;

    @Autowired
    CtrModelHolder holder;
    @Autowired
    PctrProperties properties;
    @Autowired
    KafkaProperties kafka;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aTrainedModelReachesTheBiddersAndKnowsTheBetterCampaign() throws Exception {
        assertThat(holder.current().version()).as("starts on priors, the topic being empty").isZero();
        SplittableRandom random = new SplittableRandom(11);
        List<ProducerRecord<String, BidEvent>> events = new ArrayList<>();
        Instant now = Instant.now();
        int n = 0;
        for (int i = 0; i < IMPRESSIONS_PER_CAMPAIGN; i++) {
            n += addAuction(events, "hot", 0.4, random, now, n);
            n += addAuction(events, "cold", 0.02, random, now, n);
        }
        try (KafkaProducer<String, BidEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), JsonSerde.of(BidEvent.class).serializer())) {
            events.forEach(producer::send);
            producer.flush();
        }

        // every distinct impression trains once: duplicates, BIDs and WINs do not count
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            CtrModel model = holder.current();
            assertThat(model.impressions("hot")).isEqualTo(IMPRESSIONS_PER_CAMPAIGN);
            assertThat(model.impressions("cold")).isEqualTo(IMPRESSIONS_PER_CAMPAIGN);
        });
        CtrModel model = holder.current();
        assertThat(model.version()).isPositive();
        assertThat(model.bits()).isEqualTo(16);
        assertThat(model.priorWeight()).isEqualTo(100);
        int[] hot = CtrFeatures.hash(model.bits(), context("hot", "news.example"));
        int[] cold = CtrFeatures.hash(model.bits(), context("cold", "news.example"));
        assertThat(model.predict(hot)).isGreaterThan(0.2).isGreaterThan(4 * model.predict(cold));
        assertThat(model.predict(hot, "hot", 0.01)).isGreaterThan(0.15);
        assertThat(model.predict(cold, "cold", 0.01)).isLessThan(0.06);
        assertThat(model.predict(hot, "brand-new", 0.01)).isEqualTo(0.01);
        assertThat(meters.get("pctr.training.examples").functionCounter().count())
                .isGreaterThanOrEqualTo(2 * IMPRESSIONS_PER_CAMPAIGN);
        assertThat(meters.get("pctr.joiner.dropped").tag("reason", "duplicate_impression").functionCounter().count())
                .isPositive();
        assertThat(meters.get("pctr.model.version").gauge().value()).isPositive();

        // a bidder starting now reads the topic from the beginning and ends on the newest version
        CtrModelHolder late = new CtrModelHolder(CtrModel.empty(16));
        ModelSubscriber subscriber = new ModelSubscriber(kafka.buildConsumerProperties(), properties.modelsTopic(),
                late, 1000);
        subscriber.start();
        try {
            assertThat(subscriber.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(late.version()).isGreaterThanOrEqualTo(model.version());
            assertThat(late.current().impressions("hot")).isEqualTo(IMPRESSIONS_PER_CAMPAIGN);
            assertThat(late.current().predict(hot)).isEqualTo(holder.current().predict(hot));
        } finally {
            subscriber.stop();
        }
    }

    /** One auction of {@code campaign}: BID, WIN, IMPRESSION (sometimes twice), maybe CLICKs, some before the impression. */
    private static int addAuction(List<ProducerRecord<String, BidEvent>> events, String campaign, double ctr,
                                  SplittableRandom random, Instant now, int n) {
        String bidId = campaign + "-" + n;
        String site = "site" + random.nextInt(30) + ".example";
        int[] features = CtrFeatures.hash(16, context(campaign, site));
        boolean clicked = random.nextDouble() < ctr;
        boolean clickFirst = clicked && random.nextInt(10) == 0;
        events.add(event(bidId, BidEvent.Type.BID, campaign, features, now));
        events.add(event(bidId, BidEvent.Type.WIN, campaign, features, now));
        if (clickFirst) {
            events.add(event(bidId, BidEvent.Type.CLICK, campaign, null, now.plusSeconds(1)));
        }
        events.add(event(bidId, BidEvent.Type.IMPRESSION, campaign, features, now));
        if (n % 10 == 0) {
            events.add(event(bidId, BidEvent.Type.IMPRESSION, campaign, features, now));
        }
        if (clicked) {
            events.add(event(bidId, BidEvent.Type.CLICK, campaign, null, now.plusSeconds(1)));
        }
        return 1;
    }

    private static ProducerRecord<String, BidEvent> event(String bidId, BidEvent.Type type, String campaign,
                                                          int[] features, Instant at) {
        BidEvent e = new BidEvent(bidId + ":" + type, type, bidId, "req-" + bidId, "1", "test-exchange", campaign,
                campaign + "-creative", type == BidEvent.Type.BID ? 1_500_000 : 0, "USD", 0.01, "user-" + bidId, "DEU",
                "news.example", features, 0, null, at);
        return new ProducerRecord<>(Topics.BID_EVENTS, bidId, e);
    }

    private static FeatureContext context(String campaign, String site) {
        return new FeatureContext(campaign, campaign + "-creative", site, "tag-1", "DEU", "android", 4, 2, 20,
                "BANNER_320x50");
    }
}
