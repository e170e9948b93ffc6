package io.adplatform.bidder.frequency;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.dsp.CampaignConfig.CapScope;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import io.adplatform.bidder.redis.BatchedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real Redis at 127.0.0.1:6379, each test under its own key prefix, removed afterwards. */
class FrequencyStoreIntegrationTest {

    private static final Instant TEN = Instant.parse("2025-03-03T10:00:00Z");
    private static final FrequencyCap TWO_PER_HOUR = new FrequencyCap(CapScope.CAMPAIGN, 2, 3600);
    private static final FrequencyCap ONE_PER_MINUTE_PER_CREATIVE = new FrequencyCap(CapScope.CREATIVE, 1, 60);

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;
    private static BatchedRedis bidPath;

    private String prefix;
    private FrequencyStore store;

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
        prefix = "test:h4-fc:" + UUID.randomUUID() + ":";
        store = new FrequencyStore(redis, bidPath, prefix);
    }

    @AfterEach
    void cleanUp() {
        redis.sync().del(store.key("u1"), store.key("u2"));
    }

    private UserCounters read(String user) {
        return store.read(user).toCompletableFuture().join();
    }

    private void impression(String user, String creative, List<FrequencyCap> caps, Instant at) {
        store.recordImpression(user, "c1", creative, caps, at).toCompletableFuture().join();
    }

    @Test
    void countsImpressionsPerCampaignAndPerCreative() {
        List<FrequencyCap> caps = List.of(TWO_PER_HOUR, ONE_PER_MINUTE_PER_CREATIVE);
        assertThat(read("u1")).isSameAs(UserCounters.EMPTY);
        assertThat(read(null)).isSameAs(UserCounters.EMPTY);

        impression("u1", "crA", caps, TEN);
        UserCounters once = read("u1");
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, once, TEN)).isTrue();
        assertThat(FrequencyCaps.creativeAllowed("crA", caps, once, TEN)).isFalse();
        assertThat(FrequencyCaps.creativeAllowed("crB", caps, once, TEN)).isTrue();

        impression("u1", "crB", caps, TEN.plusSeconds(5));
        UserCounters twice = read("u1");
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, twice, TEN.plusSeconds(10))).isFalse();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, read("u2"), TEN.plusSeconds(10))).as("other user")
                .isTrue();
    }

    @Test
    void theWindowRollsOverWithTheClock() {
        List<FrequencyCap> caps = List.of(TWO_PER_HOUR);
        impression("u1", "crA", caps, TEN.plusSeconds(1));
        impression("u1", "crA", caps, TEN.plusSeconds(2));
        UserCounters counters = read("u1");
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, counters, TEN.plus(Duration.ofMinutes(70)))).isFalse();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, counters, TEN.plus(Duration.ofMinutes(95)))).isTrue();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, counters, TEN.plus(Duration.ofHours(2)))).isTrue();
    }

    @Test
    void theHashExpiresTwoLongestWindowsAfterTheLastImpression() {
        impression("u1", "crA", List.of(ONE_PER_MINUTE_PER_CREATIVE), TEN);
        assertThat(redis.sync().ttl(store.key("u1"))).isBetween(110L, 120L);

        impression("u1", "crA", List.of(TWO_PER_HOUR, ONE_PER_MINUTE_PER_CREATIVE), TEN);
        assertThat(redis.sync().ttl(store.key("u1"))).isBetween(7_190L, 7_200L);

        impression("u1", "crA", List.of(ONE_PER_MINUTE_PER_CREATIVE), TEN);
        assertThat(redis.sync().ttl(store.key("u1"))).as("a shorter cap never shortens the TTL")
                .isGreaterThan(7_000L);
    }

    @Test
    void staleBucketsArePrunedAndACapCountedTwiceCountsOnce() {
        List<FrequencyCap> caps = List.of(ONE_PER_MINUTE_PER_CREATIVE, ONE_PER_MINUTE_PER_CREATIVE, TWO_PER_HOUR);
        impression("u1", "crA", caps, TEN);
        assertThat(redis.sync().hgetall(store.key("u1"))).hasSize(2).containsValue("1").doesNotContainValue("2");

        impression("u1", "crA", caps, TEN.plusSeconds(60)); // the 10:00 minute is now the previous bucket: kept
        assertThat(redis.sync().hkeys(store.key("u1"))).hasSize(3);

        impression("u1", "crA", caps, TEN.plusSeconds(180)); // 10:00 and 10:01 can no longer be read: gone
        long bucket = TEN.plusSeconds(180).getEpochSecond() / 60;
        assertThat(redis.sync().hkeys(store.key("u1"))).containsExactlyInAnyOrder(
                UserCounters.field(CapScope.CREATIVE, "crA", 60, bucket),
                UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, TEN.getEpochSecond() / 3600));
        assertThat(read("u1").count(CapScope.CAMPAIGN, "c1", 3600, TEN.getEpochSecond() / 3600)).isEqualTo(3);
    }
}
