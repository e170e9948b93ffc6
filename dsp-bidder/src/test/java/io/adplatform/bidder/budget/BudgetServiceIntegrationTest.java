package io.adplatform.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.dsp.CampaignConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service over the real Redis: campaigns in, leases out, wins back, pacing applied. */
class BudgetServiceIntegrationTest {

    private static final long CPM = 2_000_000; // a win costs 2,000 micros

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private String prefix;
    private BudgetStore store;
    private BudgetService service;

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
    void setUp() {
        prefix = "test:h4-svc:" + UUID.randomUUID() + ":";
        BudgetProperties properties = new BudgetProperties(prefix, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        store = new BudgetStore(redis, properties.store());
        service = new BudgetService(store, properties, clock, meters, "a");
    }

    @AfterEach
    void cleanUp() {
        service.stop();
        ScanIterator<String> keys = ScanIterator.scan(redis.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500));
        List<String> found = new ArrayList<>();
        keys.forEachRemaining(found::add);
        if (!found.isEmpty()) {
            redis.sync().del(found.toArray(String[]::new));
        }
    }

    private static CampaignConfig campaign(String id, long dailyMicros, CampaignConfig.Pacing pacing) {
        return new CampaignConfig(id, "adv", id, CampaignConfig.Status.ACTIVE, 1, CampaignConfig.Pricing.CPM, CPM,
                "USD", new CampaignConfig.Budget(dailyMicros, 0, pacing), null, null,
                CampaignConfig.Targeting.any(), List.of(), 0.01, List.of());
    }

    @Test
    void leasesOnRefreshPacesSmoothCampaignsAndCountsWins() {
        service.update(List.of(campaign("smooth", 100_000_000, CampaignConfig.Pacing.SMOOTH),
                campaign("fast", 100_000_000, CampaignConfig.Pacing.FAST)));
        assertThat(service.admit("fast", CPM, 0.0)).as("no lease before the first refresh").isFalse();

        service.refresh();
        // chunk = max(1,000,000, 2 % of 100,000,000)
        assertThat(service.snapshot("fast").leasedMicros()).isEqualTo(2_000_000);
        assertThat(service.admit("fast", CPM, 0.99)).isTrue();
        assertThat(service.pacingRate("smooth")).as("initial rate").isEqualTo(0.1);
        assertThat(service.admit("smooth", CPM, 0.5)).isFalse();
        assertThat(service.admit("smooth", CPM, 0.05)).isTrue();

        assertThat(service.recordWin("n1", "fast", service.instanceId(), CPM, clock.instant())
                .toCompletableFuture().join()).isTrue();
        assertThat(service.recordWin("n1", "fast", service.instanceId(), CPM, clock.instant())
                .toCompletableFuture().join()).isFalse();
        service.refresh();
        assertThat(service.snapshot("fast").spentMicros()).as("not due yet: read back when its lease is renewed")
                .isZero();
        clock.advance(Duration.ofSeconds(5)); // lease-ttl 15 s / 3
        service.refresh();
        assertThat(service.snapshot("fast").spentMicros()).isEqualTo(2_000);
        assertThat(meters.get("bidder.budget.spent").tag("campaign", "fast").gauge().value()).isEqualTo(2_000);
        assertThat(meters.get("bidder.budget.pacing.rate").tag("campaign", "smooth").gauge().value()).isEqualTo(0.1);
    }

    @Test
    void manyCampaignsAreLeasedInChunksSpreadOverHalfARefreshInterval() {
        List<CampaignConfig> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) { // three chunks of at most 100
            many.add(campaign("m" + i, 10_000_000, CampaignConfig.Pacing.FAST));
        }
        service.update(many);
        long start = System.nanoTime();
        service.refresh();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        for (int i = 0; i < 250; i++) {
            assertThat(service.snapshot("m" + i).leasedMicros()).as("m%d", i).isEqualTo(1_000_000);
        }
        // the chunks start at 0, 1/3 and 2/3 of half the 1 s interval
        assertThat(tookMillis).isBetween(330L, 1_000L);
    }

    @Test
    void aDroppedCampaignReleasesItsLease() {
        service.update(List.of(campaign("c", 10_000_000, CampaignConfig.Pacing.FAST)));
        service.refresh();
        assertThat(service.snapshot("c").leasedMicros()).isEqualTo(1_000_000);

        service.update(List.of());
        assertThat(service.admit("c", CPM, 0.0)).isFalse();
        assertThat(meters.find("bidder.budget.leased").gauges()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> store
                .lease("b", new BudgetStore.LeaseRequest("c", 10_000_000, 0, 10_000_000), clock.instant())
                .toCompletableFuture().join().leasedMicros() > 0);
        assertThat(store.lease("b", new BudgetStore.LeaseRequest("c", 10_000_000, 0, 0), clock.instant())
                .toCompletableFuture().join().leasedMicros()).isEqualTo(10_000_000);
    }

    /** Started, the service refreshes on its own, refills a lease that runs low, and hands leases back at stop. */
    @Test
    void refreshesOnItsOwnAndRefillsALowLease() {
        service.start();
        service.update(List.of(campaign("c", 100_000_000, CampaignConfig.Pacing.FAST)));
        await().atMost(Duration.ofSeconds(5)).until(() -> service.admit("c", CPM, 0.0));

        // use up the first chunk (2,000,000): 1,000 bids at 2,000 each, with the cautious prior win rate of 1; a refill
        // landing meanwhile only adds room
        for (int i = 1; i < 1_000; i++) {
            assertThat(service.admit("c", CPM, 0.0)).as("bid %d", i).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> service.snapshot("c").leasedMicros() >= 4_000_000);
        assertThat(service.admit("c", CPM, 0.0)).isTrue();

        service.stop();
        BudgetStore.Lease other = store.lease("b", new BudgetStore.LeaseRequest("c", 100_000_000, 0, 200_000_000),
                clock.instant()).toCompletableFuture().join();
        assertThat(other.grantedMicros()).as("all of it: a's lease came back").isEqualTo(100_000_000);
    }
}
