package io.adplatform.offline.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.ClickReport;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Money;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.adplatform.offline.support.IntegrationTestBase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The loader against a real broker, MariaDB and ClickHouse engine: every stream lands once, even replayed. */
class LoaderIntegrationTest extends IntegrationTestBase {

    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());
    private static final Instant AT = Instant.parse("2026-11-20T09:15:30.250Z");

    @DynamicPropertySource
    static void fastBatches(DynamicPropertyRegistry r) {
        r.add("adplatform.loader.enabled", () -> "true");
        r.add("adplatform.loader.batch-delay", () -> "300ms");
    }

    @Autowired
    StreamLoader loader;
    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @Test
    void everyStreamLandsInItsTableWithItsFields() {
        String app = "app-" + suffix();
        String device = UUID.randomUUID().toString();
        SdkEvent install = sdkEvent(app, device, EventType.ACTIVATION, null, "Facebook Ads");
        SdkEvent payment = sdkEvent(app, device, EventType.PAYMENT, new Money(new BigDecimal("9.99"), "EUR"), "Facebook Ads");
        send(Topics.SDK_EVENTS, install.partitionKey(), install);
        send(Topics.ATTRIBUTION_EVENTS, install.partitionKey(),
                new AttributionEvent(install, true, AT, install.attribution(), AT.plusMillis(5)));
        send(Topics.ATTRIBUTION_EVENTS, payment.partitionKey(),
                new AttributionEvent(payment, false, AT, payment.attribution(), AT.plusMillis(5)));
        send(Topics.CALLBACK_RESULTS, install.eventId(), new CallbackResult(install.eventId(), app, Partner.META,
                "Purchase", CallbackResult.Outcome.DELIVERED, 1, 200, 42L, "ok", AT));
        String campaign = "cmp-" + suffix();
        send(Topics.BID_EVENTS, "b1", bid(campaign, "b1", BidEvent.Type.BID, 2_000_000));
        send(Topics.BID_EVENTS, "b1", bid(campaign, "b1", BidEvent.Type.WIN, 1_500_000));
        send(Topics.TRACKING_CLICKS, "l1", new ClickReport("clk-" + suffix(), "tiktok", "ad1", "l1", AT, AT.plusSeconds(90),
                "203.0.113.9", "UA"));
        send(Topics.CONFIG_CAMPAIGNS, campaign, campaign(campaign, app));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode row = one("SELECT type, media_source, device_key, revenue, currency, toString(occurred_at) AS t "
                    + "FROM attribution_events WHERE app_id = {a:String} AND type = 'PAYMENT'", Map.of("a", app));
            assertThat(row.path("media_source").asString()).isEqualTo("meta");
            assertThat(row.path("device_key").asString()).isEqualTo("gaid:" + device);
            assertThat(new BigDecimal(row.path("revenue").asString())).isEqualByComparingTo("9.99");
            assertThat(row.path("currency").asString()).isEqualTo("EUR");
            assertThat(row.path("t").asString()).isEqualTo("2026-11-20 09:15:30.250");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("sdk_events", "app_id", app)).isEqualTo(1);
            assertThat(count("callback_results", "app_id", app)).isEqualTo(1);
            assertThat(count("bid_events", "campaign_id", campaign)).isEqualTo(2);
            assertThat(count("dsp_campaigns", "campaign_id", campaign)).isEqualTo(1);
            assertThat(count("tracking_clicks", "link_id", "l1")).isGreaterThanOrEqualTo(1);
        });
        JsonNode stats = one("SELECT sum(new_devices) AS installs, uniqMerge(payers) AS payers, sum(revenue) AS revenue "
                + "FROM daily_product_stats WHERE app_id = {a:String}", Map.of("a", app));
        assertThat(stats.path("installs").asLong()).isEqualTo(1);
        assertThat(stats.path("payers").asLong()).isEqualTo(1);
        JsonNode dsp = one("SELECT sum(bids) AS bids, sum(wins) AS wins, sum(win_price_cpm_micros) AS spend "
                + "FROM daily_dsp_stats WHERE campaign_id = {c:String}", Map.of("c", campaign));
        assertThat(dsp.path("bids").asLong()).isEqualTo(1);
        assertThat(dsp.path("wins").asLong()).isEqualTo(1);
        assertThat(dsp.path("spend").asLong()).isEqualTo(1_500_000);
        assertThat(one("SELECT app_id FROM dsp_campaigns WHERE campaign_id = {c:String}", Map.of("c", campaign))
                .path("app_id").asString()).isEqualTo(app);
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheRecordsAfterItStillLand() throws Exception {
        String campaign = "cmp-" + suffix();
        RecordMetadata bad = PRODUCER.send(new ProducerRecord<>(Topics.BID_EVENTS, "same-key",
                "{not json".getBytes(StandardCharsets.UTF_8))).get();
        RecordMetadata incomplete = PRODUCER.send(new ProducerRecord<>(Topics.BID_EVENTS, "same-key",
                "{\"bidId\":\"x\"}".getBytes(StandardCharsets.UTF_8))).get();
        RecordMetadata good = send(Topics.BID_EVENTS, "same-key", bid(campaign, "b9", BidEvent.Type.IMPRESSION, 0));
        assertThat(List.of(bad.partition(), incomplete.partition())).containsOnly(good.partition());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("bid_events", "campaign_id", campaign) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> nextOffset(Topics.BID_EVENTS, good.partition()) > good.offset());
    }

    @Test
    void aRangeLeftPendingByACrashIsInsertedAgainExactlyAndCountsOnce() throws Exception {
        String campaign = "cmp-" + suffix();
        // Stopped while the records arrive, so that the restarted loader takes them in one batch from where it was.
        loader.stop();
        RecordMetadata last = null;
        for (int i = 0; i < 20; i++) {
            last = send(Topics.BID_EVENTS, "replay-key", bid(campaign, "r" + i, BidEvent.Type.WIN, 1_000_000));
        }
        int partition = last.partition();
        long lastOffset = last.offset();
        long batchStart = Math.max(0, nextOffset(Topics.BID_EVENTS, partition));
        loader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> nextOffset(Topics.BID_EVENTS, partition) > lastOffset);
        assertThat(wins(campaign)).isEqualTo(20);

        // A crash after that insert landed and before its range was marked done: the state still says pending.
        loader.stop();
        jdbc.sql("UPDATE loader_offsets SET next_offset = ?, pending_from = ?, pending_to = ? WHERE topic = ? AND partition_id = ?")
                .params(batchStart, batchStart, lastOffset, Topics.BID_EVENTS, partition).update();
        loader.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> nextOffset(Topics.BID_EVENTS, partition) > lastOffset
                && pendingFrom(partition) == null);
        assertThat(wins(campaign)).as("the roll-up counts the replayed range once").isEqualTo(20);
        assertThat(one("SELECT count() AS n FROM bid_events WHERE campaign_id = {c:String}", Map.of("c", campaign))
                .path("n").asLong()).isEqualTo(20);
    }

    @Test
    void aRangeLeftPendingBeforeItsInsertIsInsertedOnRestart() throws Exception {
        String campaign = "cmp-" + suffix();
        loader.stop();
        RecordMetadata first = null;
        RecordMetadata last = null;
        for (int i = 0; i < 5; i++) {
            RecordMetadata m = send(Topics.BID_EVENTS, "pending-key", bid(campaign, "p" + i, BidEvent.Type.WIN, 2_000_000));
            first = first == null ? m : first;
            last = m;
        }
        int partition = last.partition();
        // The crash came after the range was recorded and before ClickHouse had it.
        jdbc.sql("UPDATE loader_offsets SET pending_from = ?, pending_to = ? WHERE topic = ? AND partition_id = ?")
                .params(first.offset(), last.offset(), Topics.BID_EVENTS, partition).update();
        loader.start();
        long lastOffset = last.offset();
        await().atMost(Duration.ofSeconds(30)).until(() -> nextOffset(Topics.BID_EVENTS, partition) > lastOffset);
        assertThat(wins(campaign)).isEqualTo(5);
    }

    private long wins(String campaign) {
        return one("SELECT sum(wins) AS w FROM daily_dsp_stats WHERE campaign_id = {c:String}", Map.of("c", campaign))
                .path("w").asLong();
    }

    private long nextOffset(String topic, int partition) {
        return jdbc.sql("SELECT next_offset FROM loader_offsets WHERE topic = ? AND partition_id = ?")
                .params(topic, partition).query(Long.class).optional().orElse(-1L);
    }

    private Long pendingFrom(int partition) {
        return jdbc.sql("SELECT pending_from FROM loader_offsets WHERE topic = ? AND partition_id = ?")
                .params(Topics.BID_EVENTS, partition).query((rs, n) -> (Long) rs.getObject(1, Long.class)).list().get(0);
    }

    private long count(String table, String column, String value) {
        return one("SELECT count() AS n FROM " + table + " WHERE " + column + " = {v:String}", Map.of("v", value))
                .path("n").asLong();
    }

    private JsonNode one(String sql, Map<String, ?> params) {
        List<JsonNode> rows = clickHouse.query(sql, params);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static RecordMetadata send(String topic, String key, Object value) {
        try {
            return PRODUCER.send(new ProducerRecord<>(topic, key, EventJson.mapper().writeValueAsBytes(value))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SdkEvent sdkEvent(String app, String gaid, EventType type, Money revenue, String mediaSource) {
        return new SdkEvent(UUID.randomUUID().toString(), type, null, app, Platform.ANDROID,
                new DeviceIds(null, null, null, gaid, null, null), null, AT, AT.plusSeconds(1), "198.51.100.7", "UA",
                "DE", revenue, new AttributionInfo(mediaSource, "spring-sale", null, null, null), null, "1.2.0", null);
    }

    private static BidEvent bid(String campaign, String bidId, BidEvent.Type type, long price) {
        return new BidEvent(bidId + ":" + type, type, bidId, "req-" + bidId, "1", "adx-1", campaign, "cr-1", price, "USD",
                0.012, "user-1", "US", "com.example.game", new int[] {1, 2, 3}, 7, null, AT);
    }

    private static CampaignConfig campaign(String id, String app) {
        return new CampaignConfig(id, app, "Campaign " + id, CampaignConfig.Status.ACTIVE, 3, CampaignConfig.Pricing.CPM,
                1_000_000, "USD", new CampaignConfig.Budget(0, 0, CampaignConfig.Pacing.FAST), null, null, null,
                List.of(), 0.01, List.of());
    }

    private static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    }
}
