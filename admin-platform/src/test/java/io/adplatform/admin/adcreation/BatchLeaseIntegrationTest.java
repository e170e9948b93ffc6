package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.admin.adaccounts.AdAccounts;
import io.adplatform.admin.adaccounts.AdsProperties;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.fakes.MetaMarketingFake;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Several service instances on one batch: runners of their own (as other instances would have), on the same MariaDB
 * and the same Meta fake. Exactly-once is asserted on the fake's own state; the fencing on what the database kept.
 */
class BatchLeaseIntegrationTest extends IntegrationTestBase {

    static final Duration LEASE = Duration.ofSeconds(3);

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AdBatchRecords records;
    @Autowired
    AdObjects objects;
    @Autowired
    AdAccounts accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AdsProperties props;
    @Autowired
    Clock clock;

    private final List<BatchRunner> runners = new ArrayList<>();
    private ScheduledExecutorService pollers;

    @AfterEach
    void stop() {
        if (pollers != null) {
            pollers.shutdownNow();
        }
        runners.forEach(BatchRunner::stop);
        FAKES.metaMarketing().reset();
        FAKES.metaMarketing().latency(Duration.ZERO);
    }

    /** Another instance's runner: small Graph batches, a short lease, its own clock. */
    private BatchRunner runner(Clock c) {
        AdsProperties.Meta m = props.meta();
        AdsProperties.Runner r = props.runner();
        AdsProperties p = new AdsProperties(props.encryptionKey(), new AdsProperties.Meta(m.baseUrl(), m.apiVersion(),
                4, m.regainAccessUnit(), m.throttleMinWait(), m.usageThreshold()), props.tiktok(), props.storage(),
                new AdsProperties.Runner(2, r.maxAttempts(), r.backoffInitial(), r.backoffMax(), r.maxThrottleWait(),
                        Duration.ofSeconds(1), false, Duration.ofHours(1), LEASE));
        BatchRunner runner = new BatchRunner(records, objects, accounts, audit, tx, p, c);
        runners.add(runner);
        return runner;
    }

    /** 1 account × 2 audiences × 3 copies × 2 assets: 1 campaign, 2 ad sets, 12 creatives, 12 ads. */
    private record Batch(AdsFixture f, String account, long id) {
    }

    /**
     * A batch made through the API (this instance's runner does it), then put back as if nothing had been sent yet:
     * RUNNING, every object PENDING, nobody's lease, the fake empty.
     */
    private Batch unsentBatch() {
        AdsFixture f = new AdsFixture(operators, products);
        MetaMarketingFake meta = FAKES.metaMarketing();
        String act = AdsFixture.metaAccountId();
        meta.registerAdAccount(act, "tok-" + act);
        long account = f.connect("META", act, "tok-" + act);
        String request = AdsFixture.request(List.of(account), f.metaTemplate(),
                List.of(f.audience("US", "[\"US\"]", "[]"), f.audience("DE", "[\"DE\"]", "[]")),
                List.of(f.copy("One"), f.copy("Two"), f.copy("Three")), List.of(f.image(31), f.image(32)));
        Answer created = f.buyer.post(f.p("/ad-batches"), request);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        long id = created.json().get("id").asLong();
        awaitStatus(f, id, "DONE");
        meta.reset();
        jdbc.sql("UPDATE ad_objects SET state = 'PENDING', media_id = NULL, media_status = NULL, attempts = 0, "
                + "not_before = NULL, error = NULL WHERE batch_id = ?").params(id).update();
        jdbc.sql("UPDATE ad_batches SET status = 'RUNNING', finished_at = NULL, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = ?").params(id).update();
        return new Batch(f, act, id);
    }

    private JsonNode awaitStatus(AdsFixture f, long batchId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = f.buyer.get(f.p("/ad-batches/" + batchId)).json();
            return status.equals(last[0].get("status").asString());
        });
        return last[0];
    }

    /** The fake holds exactly the plan, once each, and our ads point at the very ads it holds. */
    private void assertExactlyThePlan(Batch b, JsonNode done) {
        MetaMarketingFake meta = FAKES.metaMarketing();
        assertThat(meta.campaigns(b.account())).hasSize(1);
        assertThat(meta.adSets(b.account())).hasSize(2);
        assertThat(meta.adCreatives(b.account())).hasSize(12);
        assertThat(meta.ads(b.account())).hasSize(12);
        Set<String> names = new HashSet<>();
        meta.ads(b.account()).forEach(a -> assertThat(names.add(a.name())).as("duplicate %s", a.name()).isTrue());
        Set<String> atMeta = new HashSet<>();
        meta.ads(b.account()).forEach(a -> atMeta.add(a.id()));
        Set<String> ours = new HashSet<>();
        done.get("ads").forEach(a -> ours.add(a.get("mediaId").asString()));
        assertThat(ours).isEqualTo(atMeta);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'ad-batch.finished' AND target_id = ?")
                .params(Long.toString(b.id())).query(Long.class).single())
                .as("finished once by the set-up run, once by the runners under test").isEqualTo(2);
        assertThat(records.lease(b.id()).orElseThrow().owner()).as("the lease is given up at the end").isNull();
    }

    @Test
    void twoRunnersStartedOnTheSameBatchTogetherCreateEveryPlannedObjectOnce() throws Exception {
        Batch b = unsentBatch();
        FAKES.metaMarketing().latency(Duration.ofMillis(30));
        BatchRunner one = runner(clock);
        BatchRunner two = runner(clock);
        CountDownLatch go = new CountDownLatch(1);
        pollers = Executors.newScheduledThreadPool(2);
        for (BatchRunner r : List.of(one, two)) {
            pollers.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                r.submit(b.id());
            });
            // Each "instance" also polls, as the scheduled poller would: a batch free for a moment is taken again.
            pollers.scheduleWithFixedDelay(r::pollOrphans, 50, 50, TimeUnit.MILLISECONDS);
        }
        go.countDown();

        JsonNode done = awaitStatus(b.f(), b.id(), "DONE");
        assertExactlyThePlan(b, done);
        assertThat(done.get("counts").get("AD").get("CREATED").asInt()).isEqualTo(12);
    }

    @Test
    void aRunnerWhoseLeaseWasTakenOverRecordsNothingAndAnotherInstanceFinishesTheBatch() {
        Batch b = unsentBatch();
        MetaMarketingFake meta = FAKES.metaMarketing();
        meta.latency(Duration.ofMillis(800));
        BatchRunner stalled = runner(clock);
        stalled.submit(b.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT COUNT(*) FROM ad_objects WHERE batch_id = ? "
                + "AND state = 'SUBMITTING'").params(b.id()).query(Long.class).single() > 0);
        assertThat(records.lease(b.id()).orElseThrow().owner()).isEqualTo(stalled.owner());

        // While its first Graph request is under way, another instance believes the lease ran out (its clock is past
        // it, as after a long stall) and takes the batch over.
        BatchRunner other = runner(Clock.offset(clock, LEASE.plusSeconds(1)));
        assertThat(other.claim(b.id())).isPresent();
        assertThat(runner(clock).claim(b.id())).as("a live lease is not taken").isEmpty();

        // The stalled runner's answer comes back: it may not record it, and it stops.
        await().atMost(Duration.ofSeconds(10)).until(() -> !stalled.isRunning(b.id()));
        List<AdObject> after = objects.ofBatch(b.id());
        assertThat(after).noneMatch(o -> o.state() == ObjectState.CREATED);
        assertThat(after).anyMatch(o -> o.state() == ObjectState.SUBMITTING);
        assertThat(meta.campaigns(b.account())).as("its request did reach Meta").hasSize(1);
        AdObject any = after.get(0);
        assertThat(objects.created(stalled.owner(), any.id(), "1", "PAUSED")).isFalse();
        assertThat(objects.failed(stalled.owner(), any.id(), "x", true)).isFalse();
        assertThat(records.renew(b.id(), stalled.owner(), clock.instant(), clock.instant().plus(LEASE))).isFalse();
        assertThat(records.finish(b.id(), "DONE", stalled.owner(), clock.instant())).isFalse();
        assertThat(records.lease(b.id()).orElseThrow().owner()).isEqualTo(other.owner());
        assertThat(objects.ofBatch(b.id())).isEqualTo(after);

        // The instance that took it over dies right away, holding the lease: a third one's poller finishes the batch
        // once that lease has run out, adopting what the first runner had sent instead of sending it again.
        meta.latency(Duration.ZERO);
        BatchRunner third = runner(Clock.offset(clock, LEASE.multipliedBy(2).plusSeconds(2)));
        third.pollOrphans();
        JsonNode done = awaitStatus(b.f(), b.id(), "DONE");
        assertExactlyThePlan(b, done);
    }
}
