package io.adplatform.loadgen.bidder;

import io.adplatform.bidder.notice.BidContext;
import io.adplatform.bidder.notice.BidContextJson;
import io.adplatform.bidder.notice.BidEventJson;
import io.adplatform.bidder.notice.BidIds;
import io.adplatform.bidder.openrtb.BidResponse;
import io.adplatform.bidder.openrtb.BidResponseWriter;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * JMH: the JSON every bid writes — the OpenRTB response, the bid context for the bid cache (and its read back when a
 * notice misses the local cache) and the BID event for Kafka — with databind ({@link EventJson#mapper()}, as the bid
 * path did) against the streaming writers that replaced it ({@link BidResponseWriter}, {@link BidContextJson},
 * {@link BidEventJson}). Values as the bidder makes them (signed bid ids, notice URLs with the exchange's macros,
 * banner markup, 14 hashed features), 1,024 of them used in turn. Run with {@code -prof gc} for the bytes allocated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class BidWritersBenchmark {

    private static final JsonMapper MAPPER = EventJson.mapper();
    private static final String BASE = "https://bid.example.com";

    @Param("1024")
    public int values;

    private BidResponse[] responses;
    private BidContext[] contexts;
    private BidEvent[] events;
    private byte[][] cached;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(5);
        BidIds ids = new BidIds("benchmark-secret-of-32-bytes-....", Duration.ofHours(1), Clock.systemUTC());
        responses = new BidResponse[values];
        contexts = new BidContext[values];
        events = new BidEvent[values];
        cached = new byte[values][];
        for (int i = 0; i < values; i++) {
            int bids = random.nextInt(4) == 0 ? 2 : 1;
            List<BidResponse.Bid> bid = new ArrayList<>(bids);
            for (int b = 0; b < bids; b++) {
                BidContext c = context(ids.issue(), String.valueOf(b + 1), random);
                bid.add(bid(c));
                if (b == 0) {
                    contexts[i] = c;
                    events[i] = new BidEvent(c.bidId() + ":BID", BidEvent.Type.BID, c.bidId(), c.requestId(),
                            c.impId(), c.exchange(), c.campaignId(), c.creativeId(), c.priceMicros(), c.currency(),
                            c.pctr(), c.userKey(), c.country(), c.site(), c.features(), c.modelVersion(), null,
                            Instant.ofEpochMilli(c.bidAtMillis()));
                    cached[i] = MAPPER.writeValueAsBytes(c);
                }
            }
            responses[i] = new BidResponse(contexts[i].requestId(),
                    List.of(new BidResponse.SeatBid(bid, "seat-1", 0, null)), null, "USD", null, null, null);
        }
    }

    private static BidContext context(String bidId, String impId, Random random) {
        int[] features = new int[14];
        for (int f = 0; f < features.length; f++) {
            features[f] = random.nextInt(1 << 22);
        }
        int campaign = random.nextInt(10_000);
        return new BidContext(bidId, Long.toString(random.nextLong() & Long.MAX_VALUE, 36), impId, "adx",
                "cmp-" + campaign, "cr-" + campaign + "-" + random.nextInt(3), 200_000 + random.nextInt(4_000_000),
                "USD", random.nextDouble() * 0.03, "u-" + Long.toHexString(random.nextLong()), "USA",
                "news" + random.nextInt(500) + ".example.com", "news.example.com/top/" + random.nextInt(20),
                features, 1_763_476_200_000L + random.nextInt(1000), random.nextInt(8) - 1, "bidder-a",
                "https://shop.example.com/landing?c=" + campaign, 1_763_476_200_123L + random.nextInt(1_000_000));
    }

    private static BidResponse.Bid bid(BidContext c) {
        String q = "?b=" + c.bidId();
        String adm = "<a href=\"" + BASE + "/click" + q + "\" target=\"_blank\"><img src=\"https://cdn.example.com/"
                + c.creativeId() + ".png\" width=\"300\" height=\"250\" alt=\"\"></a><img src=\"" + BASE
                + "/notice/imp" + q + "\" width=\"1\" height=\"1\" style=\"display:none\" alt=\"\">";
        return new BidResponse.Bid(c.bidId(), c.impId(), BigDecimal.valueOf(c.priceMicros(), 6).stripTrailingZeros(),
                BASE + "/notice/win" + q + "&p=${AUCTION_PRICE}", BASE + "/notice/bill" + q + "&p=${AUCTION_PRICE}",
                BASE + "/notice/loss" + q + "&r=${AUCTION_LOSS}&p=${AUCTION_MIN_TO_WIN}", adm, c.creativeId(),
                List.of("shop.example.com"), null, null, c.campaignId(), c.creativeId(), null, null, List.of("IAB22"),
                List.of(), null, null, null, null, null, null, null, 300, 250, null, null, null, null, 1, null, null);
    }

    private int next() {
        int i = next;
        next = i + 1 == values ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public byte[] responseDatabind() {
        return MAPPER.writeValueAsBytes(responses[next()]);
    }

    @Benchmark
    public byte[] responseStreaming() {
        return BidResponseWriter.write(responses[next()]);
    }

    @Benchmark
    public byte[] contextWriteDatabind() {
        return MAPPER.writeValueAsBytes(contexts[next()]);
    }

    @Benchmark
    public byte[] contextWriteStreaming() {
        return BidContextJson.write(contexts[next()]);
    }

    @Benchmark
    public BidContext contextReadDatabind() {
        return MAPPER.readValue(cached[next()], BidContext.class);
    }

    @Benchmark
    public BidContext contextReadStreaming() {
        return BidContextJson.read(cached[next()]);
    }

    @Benchmark
    public byte[] eventDatabind() {
        return MAPPER.writeValueAsBytes(events[next()]);
    }

    @Benchmark
    public byte[] eventStreaming() {
        return BidEventJson.write(events[next()]);
    }
}
