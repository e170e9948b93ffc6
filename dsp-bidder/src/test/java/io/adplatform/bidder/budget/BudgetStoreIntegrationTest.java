package io.adplatform.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real Redis at 127.0.0.1:6379, each test under its own key prefix, removed afterwards. */
class BudgetStoreIntegrationTest {

    private static final Instant T0 = Instant.parse("2025-03-03T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(15);

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    private String prefix;
    private BudgetStore store;

    @BeforeAll
    static void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        redis = client.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        client.shutdown();
    }

    @BeforeEach
    void newPrefix() {
        prefix = "test:h4-budget:" + UUID.randomUUID() + ":";
        store = new BudgetStore(redis, new BudgetStore.Settings(prefix, ZoneOffset.UTC, TTL, 1_000,
                Duration.ofHours(1), Duration.ofDays(3)));
    }

    @AfterEach
    void cleanUp() {
        ScanIterator<String> keys = ScanIterator.scan(redis.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500));
        List<String> found = new ArrayList<>();
        keys.forEachRemaining(found::add);
        if (!found.isEmpty()) {
            redis.sync().del(found.toArray(String[]::new));
        }
    }

    private BudgetStore.Lease lease(String instance, long daily, long total, long want, Instant now) {
        return store.lease(instance, new BudgetStore.LeaseRequest("c1", daily, total, want), now)
                .toCompletableFuture().join();
    }

    private boolean win(String notice, String instance, long cpmMicros, Instant at) {
        return store.recordWin(notice, "c1", instance, cpmMicros, at).toCompletableFuture().join();
    }

    /**
     * Three instances, four threads each, keep asking for 7,000-micro chunks of a 100,000 daily budget and spend what
     * they get (a win per chunk). Whatever the interleaving, leases never add up to more than the budget.
     */
    @Test
    void concurrentInstancesNeverLeaseMoreThanTheBudget() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Long>> granted = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            String instance = "i" + (t % 3);
            int thread = t;
            granted.add(pool.submit((Callable<Long>) () -> {
                long sum = 0;
                for (int round = 0; round < 40; round++) {
                    BudgetStore.Lease l = lease(instance, 100_000, 0, 7_000, T0);
                    sum += l.grantedMicros();
                    if (l.grantedMicros() >= 1_000) { // spend part of it: a win at CPM 1.00 costs 1,000
                        win("n-" + thread + "-" + round, instance, 1_000_000, T0);
                    }
                }
                return sum;
            }));
        }
        long total = 0;
        for (Future<Long> f : granted) {
            total += f.get();
        }
        pool.shutdown();

        long leased = 0;
        long unused = 0;
        BudgetStore.Lease last = null;
        for (String i : List.of("i0", "i1", "i2")) {
            last = lease(i, 100_000, 0, 0, T0);
            leased += last.leasedMicros();
            unused += Math.max(0, last.leasedMicros() - last.instanceSpendMicros());
        }
        assertThat(total).isEqualTo(leased).isEqualTo(100_000);
        assertThat(last.daySpendMicros() + unused).isLessThanOrEqualTo(100_000);
        assertThat(last.daySpendMicros()).isPositive();
    }

    @Test
    void aWinIsCountedOncePerNotice() {
        assertThat(win("notice-1", "i0", 2_500_000, T0)).isTrue();
        assertThat(win("notice-1", "i0", 2_500_000, T0)).isFalse();
        assertThat(win("notice-2", "i1", 1_000_000, T0)).isTrue();

        BudgetStore.Lease i0 = lease("i0", 100_000, 0, 0, T0);
        assertThat(i0.instanceSpendMicros()).isEqualTo(2_500);
        assertThat(i0.instanceWins()).isEqualTo(1);
        assertThat(i0.daySpendMicros()).isEqualTo(3_500);
        assertThat(i0.totalSpendMicros()).isEqualTo(3_500);
    }

    @Test
    void anInstanceThatStopsRenewingLosesItsLeaseToAnother() {
        assertThat(lease("a", 200_000, 0, 60_000, T0).leasedMicros()).isEqualTo(60_000);
        win("w1", "a", 10_000_000, T0); // a spent 10,000 of its lease
        assertThat(lease("b", 200_000, 0, 60_000, T0).grantedMicros()).isEqualTo(60_000);

        lease("b", 200_000, 0, 0, T0.plusSeconds(10)); // b renews, a does not
        Instant later = T0.plus(TTL).plusMillis(1);
        BudgetStore.Lease b = lease("b", 200_000, 0, 500_000, later);
        assertThat(b.otherInstances()).isZero();
        assertThat(b.grantedMicros()).as("200,000 − 10,000 spent − b's own 60,000: a's unused 50,000 came back")
                .isEqualTo(130_000);
        assertThat(b.leasedMicros()).isEqualTo(190_000);

        BudgetStore.Lease a = lease("a", 200_000, 0, 60_000, later.plusMillis(1)); // a comes back
        assertThat(a.leasedMicros()).as("a keeps only what it spent").isEqualTo(10_000);
        assertThat(a.grantedMicros()).isZero();
    }

    @Test
    void aReleasedLeaseGoesBackToThePool() {
        lease("a", 100_000, 0, 100_000, T0);
        assertThat(lease("b", 100_000, 0, 10_000, T0).grantedMicros()).isZero();
        store.release("a", "c1", T0).toCompletableFuture().join();
        assertThat(lease("b", 100_000, 0, 10_000, T0).grantedMicros()).isEqualTo(10_000);
    }

    @Test
    void nearTheEndAGrantIsAShareOfWhatIsLeft() {
        lease("a", 100_000, 0, 90_000, T0);
        assertThat(lease("b", 100_000, 0, 50_000, T0).grantedMicros()).as("half of 10,000 with one other instance")
                .isEqualTo(5_000);
    }

    @Test
    void dailyAndTotalBudgetsBothBind() {
        // day 1: the daily budget binds
        assertThat(lease("a", 100_000, 150_000, 500_000, T0).grantedMicros()).isEqualTo(100_000);
        for (int i = 0; i < 100; i++) {
            win("d1-" + i, "a", 1_000_000, T0);
        }
        BudgetStore.Lease day1 = lease("a", 100_000, 150_000, 500_000, T0);
        assertThat(day1.grantedMicros()).isZero();
        assertThat(day1.exhausted(100_000, 150_000)).isTrue();

        // day 2: a fresh daily budget, but only 50,000 of the total is left
        Instant day2 = T0.plus(Duration.ofDays(1));
        BudgetStore.Lease next = lease("a", 100_000, 150_000, 500_000, day2);
        assertThat(next.daySpendMicros()).isZero();
        assertThat(next.totalSpendMicros()).isEqualTo(100_000);
        assertThat(next.grantedMicros()).isEqualTo(50_000);
        assertThat(next.exhausted(100_000, 150_000)).isFalse();

        // a total smaller than the daily budget binds from the start
        BudgetStore.Lease small = store.lease("a", new BudgetStore.LeaseRequest("c2", 100_000, 30_000, 500_000), T0)
                .toCompletableFuture().join();
        assertThat(small.grantedMicros()).isEqualTo(30_000);
    }

    @Test
    void refreshRenewsEveryCampaignInOneBatch() {
        Map<String, BudgetStore.Lease> r = store.refresh("a", List.of(
                new BudgetStore.LeaseRequest("c1", 10_000, 0, 4_000),
                new BudgetStore.LeaseRequest("c2", 0, 0, 4_000),
                new BudgetStore.LeaseRequest("c3", 2_000, 0, 4_000)), T0).toCompletableFuture().join();
        assertThat(r).containsOnlyKeys("c1", "c2", "c3");
        assertThat(r.get("c1").leasedMicros()).isEqualTo(4_000);
        assertThat(r.get("c2").leasedMicros()).as("no budget: no limit").isEqualTo(4_000);
        assertThat(r.get("c3").leasedMicros()).isEqualTo(2_000);
        assertThat(r.get("c1").validUntilMillis()).isEqualTo(T0.plus(TTL).toEpochMilli());
        assertThat(redis.sync().pttl(prefix + "bud:{c1}:d:20250303")).isPositive();
    }
}
