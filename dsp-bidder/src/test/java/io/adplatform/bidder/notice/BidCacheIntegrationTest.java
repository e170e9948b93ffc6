package io.adplatform.bidder.notice;

import static io.adplatform.bidder.notice.BidContextJsonTest.assertSameContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.support.OddValues;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.bidder.redis.BatchedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bid cache's Redis side against the real Redis at 127.0.0.1:6379, under a key prefix of its own removed
 * afterwards: what one instance cached another reads, and contexts a databind-writing bidder cached stay readable.
 */
class BidCacheIntegrationTest {

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;
    private static BatchedRedis bidPath;

    private final List<String> keys = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        redis = client.connect();
        bidPath = new BatchedRedis(client.connect());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        bidPath.close();
        client.shutdown();
    }

    @BeforeEach
    void newPrefix() {
        prefix = "test:bidcache:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void cleanUp() {
        if (!keys.isEmpty()) {
            redis.sync().del(keys.toArray(String[]::new));
        }
    }

    private BidCache cache() {
        return new BidCache(redis.async(), bidPath, prefix, Duration.ofMinutes(5), Duration.ofMinutes(1), 1000);
    }

    private BidContext get(BidCache cache, String bidId) {
        return cache.get(bidId).toCompletableFuture().join();
    }

    @Test
    void anotherInstanceReadsWhatOneCachedAsDatabindWouldHaveWrittenIt() {
        OddValues odd = new OddValues(21L);
        BidCache one = cache();
        BidCache other = cache();
        for (int i = 0; i < 50; i++) {
            BidContext c = BidContextJsonTest.context(odd);
            c = withBidId(c, "bid-" + i);
            keys.add(prefix + "ctx:" + c.bidId());
            one.put(c).toCompletableFuture().join();

            assertSameContext(get(other, c.bidId()), c, "read from Redis " + i);
            assertThat(redis.sync().get(prefix + "ctx:" + c.bidId()))
                    .isEqualTo(EventJson.mapper().writeValueAsString(c));
        }
        assertThat(get(other, "never-bid")).isNull();
    }

    @Test
    void contextsCachedByADatabindBidderStayReadable() {
        OddValues odd = new OddValues(22L);
        BidCache cache = cache();
        for (int i = 0; i < 50; i++) {
            BidContext c = withBidId(BidContextJsonTest.context(odd), "old-" + i);
            String key = prefix + "ctx:" + c.bidId();
            keys.add(key);
            redis.sync().set(key, EventJson.mapper().writeValueAsString(c));

            assertSameContext(get(cache, c.bidId()), c, "databind's context " + i);
        }
    }

    @Test
    void theInstanceThatBidKeepsContextsInMemoryForAboutTheLocalTtlAndWithinItsBound() throws InterruptedException {
        OddValues odd = new OddValues(23L);
        BidCache cache = new BidCache(redis.async(), bidPath, prefix, Duration.ofMinutes(5), Duration.ofMillis(400),
                1000);
        BidContext a = cached(cache, odd, "a");
        redis.sync().del(prefix + "ctx:a"); // from here on only the memory has it
        assertSameContext(get(cache, "a"), a, "from memory");
        Thread.sleep(250);
        cached(cache, odd, "b"); // half the local TTL passed: a's generation becomes the previous one
        assertSameContext(get(cache, "a"), a, "from the previous generation");
        Thread.sleep(250);
        cached(cache, odd, "c"); // and now it is dropped
        assertThat(get(cache, "a")).isNull();
        assertThat(get(cache, "c")).isNotNull();

        BidCache small = new BidCache(redis.async(), bidPath, prefix, Duration.ofMinutes(5), Duration.ofMinutes(1),
                4);
        for (String id : List.of("s1", "s2", "s3", "s4", "s5")) { // generations of 2 entries
            cached(small, odd, id);
        }
        redis.sync().del(prefix + "ctx:s1", prefix + "ctx:s2", prefix + "ctx:s3");
        assertThat(get(small, "s1")).as("rotated out by the bound").isNull();
        assertThat(get(small, "s2")).isNull();
        assertThat(get(small, "s3")).as("kept: the previous generation").isNotNull();
    }

    private BidContext cached(BidCache cache, OddValues odd, String bidId) {
        BidContext c = withBidId(BidContextJsonTest.context(odd), bidId);
        keys.add(prefix + "ctx:" + bidId);
        cache.put(c).toCompletableFuture().join(); // the asynchronous SET has reached Redis
        return c;
    }

    private static BidContext withBidId(BidContext c, String bidId) {
        return new BidContext(bidId, c.requestId(), c.impId(), c.exchange(), c.campaignId(), c.creativeId(),
                c.priceMicros(), c.currency(), c.pctr(), c.userKey(), c.country(), c.site(), c.placement(),
                c.features(), c.modelVersion(), c.shadingChoice(), c.instanceId(), c.clickUrl(), c.bidAtMillis());
    }
}
