package io.adplatform.loadgen.reporting;

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
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reporting loader's benchmark load (bench/loader.sh).
 * <ul>
 *   <li>{@code produce --bootstrap HOST:PORT --events N}: a realistic mix on the loader's topics — 45 % bid events
 *   (mostly BID, then WIN, IMPRESSION, LOSS, CLICK), 30 % attribution events, 15 % SDK events, 5 % callback results,
 *   5 % tracking clicks — over 200 products, the last 25 days, 50,000 devices.</li>
 *   <li>{@code await --clickhouse URL --database DB --rows N [--warmup-rows W] [--timeout-s 600]}: polls the five
 *   tables' row counts until they hold N rows and prints the loader's rows/s from the first row to the last, and from
 *   the W-th row (past the JIT's warm-up) to the last.</li>
 * </ul>
 */
public final class StreamLoad {

    private static final String[] MEDIA = {"Facebook Ads", "tiktokglobal_int", "organic", "googleadwords_int", "unityads_int"};
    private static final String[] COUNTRIES = {"US", "DE", "JP", "BR", "IN", "GB", "FR", "KR", "ID", "MX"};
    private static final BidEvent.Type[] BID_TYPES = {BidEvent.Type.BID, BidEvent.Type.BID, BidEvent.Type.BID,
            BidEvent.Type.BID, BidEvent.Type.BID, BidEvent.Type.WIN, BidEvent.Type.IMPRESSION, BidEvent.Type.LOSS,
            BidEvent.Type.WIN, BidEvent.Type.CLICK};

    private StreamLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        switch (args.length == 0 ? "" : args[0]) {
            case "produce" -> produce(o.get("bootstrap"), Long.parseLong(o.getOrDefault("events", "1000000")));
            case "await" -> await(o.get("clickhouse"), o.get("database"), Long.parseLong(o.get("rows")),
                    Long.parseLong(o.getOrDefault("warmup-rows", "0")), Long.parseLong(o.getOrDefault("timeout-s", "600")));
            default -> {
                System.err.println("usage: StreamLoad produce --bootstrap H:P --events N | await --clickhouse URL "
                        + "--database DB --rows N [--timeout-s S]");
                System.exit(2);
            }
        }
    }

    static void produce(String bootstrap, long events) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20);
        SplittableRandom random = new SplittableRandom(42);
        // The last 25 days: inside every table's TTL (BID rows are kept 30 days), so the tables must hold every row.
        Instant base = Instant.now().minusSeconds(25L * 86_400);
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < events; i++) {
                Instant at = base.plusSeconds(random.nextLong(25L * 86_400));
                int kind = random.nextInt(100);
                String topic;
                String key;
                Object value;
                if (kind < 45) {
                    BidEvent.Type type = BID_TYPES[random.nextInt(BID_TYPES.length)];
                    String bid = Long.toString(i, 36);
                    value = new BidEvent(bid + ":" + type, type, bid, "req-" + bid, "1", "adx-" + random.nextInt(4),
                            "cmp-" + random.nextInt(2_000), "cr-" + random.nextInt(5), 500_000 + random.nextInt(3_000_000),
                            "USD", 0.001 + random.nextDouble() / 50, "u" + random.nextInt(50_000),
                            COUNTRIES[random.nextInt(COUNTRIES.length)], "com.example.app" + random.nextInt(300),
                            new int[] {random.nextInt(1 << 20), random.nextInt(1 << 20)}, 3, null, at);
                    topic = Topics.BID_EVENTS;
                    key = bid;
                } else if (kind < 90) {
                    SdkEvent e = sdkEvent(random, at);
                    if (kind < 75) {
                        boolean isNew = e.type() == EventType.ACTIVATION && random.nextInt(3) > 0;
                        value = new AttributionEvent(e, isNew, at.minusSeconds(isNew ? 0 : random.nextLong(20 * 86_400)),
                                e.attribution(), at.plusMillis(40));
                        topic = Topics.ATTRIBUTION_EVENTS;
                    } else {
                        value = e;
                        topic = Topics.SDK_EVENTS;
                    }
                    key = e.partitionKey();
                } else if (kind < 95) {
                    String id = UUID.randomUUID().toString();
                    value = new CallbackResult(id, "app-" + random.nextInt(200), Partner.values()[random.nextInt(3)],
                            "purchase", CallbackResult.Outcome.values()[random.nextInt(4)], 1 + random.nextInt(3), 200,
                            (long) random.nextInt(900), "ok", at);
                    topic = Topics.CALLBACK_RESULTS;
                    key = id;
                } else {
                    String link = "link-" + random.nextInt(5_000);
                    value = new ClickReport("clk-" + i, "tiktok", "ad-" + random.nextInt(1_000), link, at,
                            at.plusSeconds(random.nextInt(600)), "203.0.113." + random.nextInt(255), "Mozilla/5.0");
                    topic = Topics.TRACKING_CLICKS;
                    key = link;
                }
                producer.send(new ProducerRecord<>(topic, key, EventJson.mapper().writeValueAsBytes(value)));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("produced %,d events in %.1f s (%,.0f/s)%n", events, seconds, events / seconds);
    }

    private static SdkEvent sdkEvent(SplittableRandom random, Instant at) {
        int t = random.nextInt(10);
        EventType type = t < 3 ? EventType.ACTIVATION : t < 8 ? EventType.LOGIN : t < 9 ? EventType.PAYMENT : EventType.CUSTOM;
        String device = new UUID(0x1234_5678L, random.nextInt(50_000)).toString();
        return new SdkEvent(UUID.randomUUID().toString(), type, type == EventType.CUSTOM ? "level_up" : null,
                "app-" + random.nextInt(200), Platform.ANDROID, new DeviceIds(null, null, null, device, null, null),
                null, at, at.plusMillis(200), "198.51.100." + random.nextInt(255), "Mozilla/5.0",
                COUNTRIES[random.nextInt(COUNTRIES.length)],
                type == EventType.PAYMENT ? new Money(BigDecimal.valueOf(99 + random.nextInt(9_900), 2), "USD") : null,
                new AttributionInfo(MEDIA[random.nextInt(MEDIA.length)], "campaign-" + random.nextInt(40), null, null, null),
                null, "2.4.1", null);
    }

    static void await(String clickhouse, String database, long rows, long warmupRows, long timeoutSeconds)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String sql = "SELECT (SELECT count() FROM bid_events) + (SELECT count() FROM attribution_events) + "
                + "(SELECT count() FROM sdk_events) + (SELECT count() FROM callback_results) + "
                + "(SELECT count() FROM tracking_clicks)";
        URI uri = URI.create(clickhouse + "/?database=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long first = 0;
        long firstRows = 0;
        long n = 0;
        long warm = 0;
        long warmRows = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            n = r.statusCode() == 200 ? Long.parseLong(r.body().strip()) : 0;
            long now = System.nanoTime();
            if (n > 0 && first == 0) {
                first = now;
                firstRows = n;
            }
            if (warmupRows > 0 && n >= warmupRows && warm == 0) {
                warm = now;
                warmRows = n;
            }
            if (n >= rows) {
                double seconds = (now - first) / 1e9;
                System.out.printf("loaded %,d rows; from the first insert (%,d rows) to the last: %.1f s = %,.0f rows/s%n",
                        n, firstRows, seconds, (n - firstRows) / seconds);
                if (warm > 0) {
                    double steady = (now - warm) / 1e9;
                    System.out.printf("after the first %,d rows (JIT warm-up): %,d rows in %.1f s = %,.0f rows/s%n",
                            warmRows, n - warmRows, steady, (n - warmRows) / steady);
                }
                if (n > rows) {
                    System.out.printf("DUPLICATES: %,d rows more than produced%n", n - rows);
                    System.exit(1);
                }
                return;
            }
            Thread.sleep(100);
        }
        System.out.printf("timed out with %,d of %,d rows%n", n, rows);
        System.exit(1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
