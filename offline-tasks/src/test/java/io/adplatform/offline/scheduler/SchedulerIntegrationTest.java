package io.adplatform.offline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.offline.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduler instances built by hand over one real MariaDB database, each with its own connection pool, as several
 * service instances would be. Each test uses job names of its own.
 */
class SchedulerIntegrationTest {

    static TestDatabase db;
    static final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();
    final List<JobScheduler> schedulers = new ArrayList<>();

    @BeforeAll
    static void migrate() {
        db = TestDatabase.create();
        Flyway.configure().dataSource(db.url(), "root", "").load().migrate();
    }

    @AfterAll
    static void dropDatabase() {
        pools.forEach(HikariDataSource::close);
        db.drop();
    }

    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(JobScheduler::stop);
    }

    /** A job whose work the test decides; counts its runs across every instance that runs it. */
    static final class TestJob implements ScheduledJob {
        interface Work {
            String run(JobRun run) throws Exception;
        }

        final String name;
        final String cron;
        final Work work;
        final List<JobRun> runs = new CopyOnWriteArrayList<>();

        TestJob(String name, String cron, Work work) {
            this.name = name;
            this.cron = cron;
            this.work = work;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String cron() {
            return cron;
        }

        @Override
        public String run(JobRun run) throws Exception {
            runs.add(run);
            return work.run(run);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime() & 0xffffffL);
    }

    JobScheduler instance(String id, Duration lease, SimpleMeterRegistry meters, ScheduledJob... jobs) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername("root");
        ds.setPassword("");
        ds.setMaximumPoolSize(4);
        pools.add(ds);
        JobStore store = new JobStore(JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)),
                EventJson.mapper());
        SchedulerProperties props = new SchedulerProperties(true, Duration.ofMillis(100), lease, id, 2, Duration.ofSeconds(5));
        JobScheduler s = new JobScheduler(List.of(jobs), store, props, Clock.systemUTC(), meters);
        schedulers.add(s);
        return s;
    }

    JobScheduler instance(String id, ScheduledJob... jobs) {
        return instance(id, Duration.ofSeconds(10), new SimpleMeterRegistry(), jobs);
    }

    @Test
    void twoInstancesRunEachSlotExactlyOnce() {
        String name = unique("every-second");
        TestJob job = new TestJob(name, "* * * * * *", run -> {
            Thread.sleep(50);
            return "ok";
        });
        JobScheduler a = instance("instance-a", job);
        JobScheduler b = instance("instance-b", job);
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> job.runs.size() >= 5);
        a.stop();
        b.stop();

        List<RunRecord> runs = a.runs(name, 500);
        Set<Instant> slots = new HashSet<>();
        runs.forEach(r -> slots.add(r.scheduledFor()));
        assertThat(runs).hasSize(job.runs.size());
        assertThat(slots).as("no slot run twice").hasSize(runs.size());
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.trigger()).isEqualTo(RunTrigger.SCHEDULE);
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.startedAt()).isAfterOrEqualTo(r.scheduledFor());
        });
        assertThat(runs.stream().map(RunRecord::instance).distinct()).isSubsetOf("instance-a", "instance-b");
    }

    @Test
    void aManualTriggerRunsOnceWithItsParametersAndTheHistoryShowsTheSummary() {
        String name = unique("manual");
        TestJob job = new TestJob(name, "-", run -> "pulled " + run.parameters().get("days") + " days");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobScheduler a = instance("instance-a", Duration.ofSeconds(10), meters, job);
        JobScheduler b = instance("instance-b", Duration.ofSeconds(10), meters, job);
        a.start();
        b.start();

        RunRecord queued = b.trigger(name, Map.of("days", "7"));

        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.run(queued.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
        RunRecord done = a.run(queued.id()).orElseThrow();
        assertThat(done.summary()).isEqualTo("pulled 7 days");
        assertThat(done.trigger()).isEqualTo(RunTrigger.MANUAL);
        assertThat(done.parameters()).containsEntry("days", "7");
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.instance()).isIn("instance-a", "instance-b");
        assertThat(job.runs).hasSize(1);
        assertThat(job.runs.get(0).trigger()).isEqualTo("MANUAL");
        assertThat(job.runs.get(0).id()).isEqualTo(queued.id());
        assertThat(meters.counter("offline.scheduler.runs", "job", name, "status", "SUCCEEDED", "trigger", "MANUAL").count())
                .isEqualTo(1.0);
        assertThat(meters.timer("offline.scheduler.run.duration", "job", name, "status", "SUCCEEDED").count()).isEqualTo(1);
        // the lease was released at the end
        LeaseRow lease = lease(name);
        assertThat(lease.owner()).isNull();
    }

    @Test
    void aFailingJobShowsFailedWithTheError() {
        String name = unique("failing");
        TestJob job = new TestJob(name, "-", run -> {
            throw new IllegalStateException("upstream said no", new java.io.IOException("connection reset"));
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobScheduler a = instance("instance-a", Duration.ofSeconds(10), meters, job);
        a.start();

        RunRecord queued = a.trigger(name, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> a.run(queued.id()).orElseThrow().status() == RunStatus.FAILED);
        RunRecord failed = a.run(queued.id()).orElseThrow();
        assertThat(failed.error()).contains("IllegalStateException: upstream said no").contains("connection reset");
        assertThat(failed.summary()).isNull();
        assertThat(meters.counter("offline.scheduler.runs", "job", name, "status", "FAILED", "trigger", "MANUAL").count())
                .isEqualTo(1.0);
        // and the job can run again
        RunRecord again = a.trigger(name, Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.run(again.id()).orElseThrow().status() == RunStatus.FAILED);
        assertThat(job.runs).hasSize(2);
    }

    @Test
    void aDeadInstancesLeaseIsTakenOverWhenItExpiresAndItsRunBecomesAbandoned() throws Exception {
        String name = unique("orphaned");
        TestJob job = new TestJob(name, "-", run -> "done");
        Instant now = Instant.now();
        Instant expires = now.plusSeconds(3);
        long orphan;
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO job_leases (job, owner, lease_until, last_slot, updated_at) VALUES (?, 'dead-1', ?, ?, ?)",
                    name, utc(expires), utc(now), utc(now));
            orphan = insertRun(c, name, "RUNNING", "dead-1", now.minusSeconds(30));
        }
        JobScheduler live = instance("instance-live", job);
        live.start();

        RunRecord queued = live.trigger(name, Map.of());

        Thread.sleep(1_500);
        assertThat(Instant.now()).as("test still inside the dead lease").isBefore(expires);
        assertThat(live.run(queued.id()).orElseThrow().status()).as("waits while the dead lease lasts").isEqualTo(RunStatus.QUEUED);
        assertThat(live.run(orphan).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        await().atMost(Duration.ofSeconds(10)).until(() -> live.run(queued.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
        RunRecord abandoned = live.run(orphan).orElseThrow();
        assertThat(abandoned.status()).isEqualTo(RunStatus.ABANDONED);
        assertThat(abandoned.error()).contains("dead-1");
        assertThat(abandoned.finishedAt()).isAfterOrEqualTo(expires.truncatedTo(ChronoUnit.MILLIS));
        assertThat(live.run(queued.id()).orElseThrow().instance()).isEqualTo("instance-live");
        assertThat(job.runs).hasSize(1);
    }

    @Test
    void aStaleRunningRunIsAbandonedEvenWithoutNewWork() throws Exception {
        String name = unique("stale");
        TestJob job = new TestJob(name, "-", run -> "done");
        Instant now = Instant.now();
        long orphan;
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO job_leases (job, owner, lease_until, last_slot, updated_at) VALUES (?, 'dead-2', ?, ?, ?)",
                    name, utc(now.minusSeconds(1)), utc(now), utc(now));
            orphan = insertRun(c, name, "RUNNING", "dead-2", now.minusSeconds(90));
        }
        JobScheduler live = instance("instance-live", job);
        live.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> live.run(orphan).orElseThrow().status() == RunStatus.ABANDONED);
        assertThat(job.runs).isEmpty();
        assertThat(lease(name).owner()).as("released again").isNull();
    }

    @Test
    void aLongRunKeepsItsLeaseByRenewingSoNoOtherInstanceTakesOver() {
        String name = unique("long");
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        TestJob job = new TestJob(name, "-", run -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(3_500); // more than three lease durations
            } finally {
                concurrent.decrementAndGet();
            }
            return "long one";
        });
        JobScheduler a = instance("instance-a", Duration.ofSeconds(1), new SimpleMeterRegistry(), job);
        JobScheduler b = instance("instance-b", Duration.ofSeconds(1), new SimpleMeterRegistry(), job);
        a.start();
        b.start();

        RunRecord first = a.trigger(name, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.run(first.id()).orElseThrow().status() == RunStatus.RUNNING);
        RunRecord second = a.trigger(name, Map.of()); // queued behind the first, not beside it

        await().atMost(Duration.ofSeconds(20)).until(() -> a.run(second.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
        assertThat(a.run(first.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(maxConcurrent.get()).isEqualTo(1);
        assertThat(a.runs(name, 10)).noneMatch(r -> r.status() == RunStatus.ABANDONED);
    }

    @Test
    void aSlotMissedWhileEveryInstanceWasDownRunsOnceOnStart() throws Exception {
        String name = unique("daily");
        TestJob job = new TestJob(name, "0 0 3 * * *", run -> "caught up");
        Instant now = Instant.now();
        try (Connection c = db.connect()) {
            exec(c, "INSERT INTO job_leases (job, owner, lease_until, last_slot, updated_at) VALUES (?, NULL, ?, ?, ?)",
                    name, utc(now), utc(now.minus(Duration.ofDays(4))), utc(now));
        }
        Instant latestSlot = CronSlots.parse("0 0 3 * * *").due(now.minus(Duration.ofDays(4)), now).orElseThrow();
        JobScheduler a = instance("instance-a", job);
        JobScheduler b = instance("instance-b", job);
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> job.runs.size() == 1);
        Thread.sleep(1_000);

        List<RunRecord> runs = a.runs(name, 10);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).scheduledFor()).isEqualTo(latestSlot);
        assertThat(lease(name).lastSlot()).isEqualTo(latestSlot);
        assertThat(a.jobs()).filteredOn(j -> j.name().equals(name)).singleElement()
                .satisfies(j -> assertThat(j.nextRunAt()).isEqualTo(latestSlot.plus(Duration.ofDays(1))));
    }

    @Test
    void aNewJobDoesNotRunBeforeItsFirstSlot() throws InterruptedException {
        String name = unique("fresh");
        TestJob job = new TestJob(name, "0 0 3 1 1 *", run -> "yearly");
        JobScheduler a = instance("instance-a", job);
        a.start();

        Thread.sleep(500);

        assertThat(job.runs).isEmpty();
        assertThat(a.jobs().get(0).nextRunAt()).isAfter(Instant.now());
        assertThat(a.jobs().get(0).lastRun()).isNull();
    }

    @Test
    void aDisabledInstanceQueuesButDoesNotRun() throws InterruptedException {
        String name = unique("disabled");
        TestJob job = new TestJob(name, "-", run -> "never here");
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername("root");
        pools.add(ds);
        JobStore store = new JobStore(JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)),
                EventJson.mapper());
        JobScheduler off = new JobScheduler(List.of(job), store,
                new SchedulerProperties(false, Duration.ofMillis(100), null, "off", null, null), Clock.systemUTC(),
                new SimpleMeterRegistry());
        schedulers.add(off);
        off.start();

        RunRecord queued = off.trigger(name, Map.of());
        Thread.sleep(500);

        assertThat(off.run(queued.id()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
        JobScheduler on = instance("instance-on", job);
        on.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> off.run(queued.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
    }

    private static LeaseRow lease(String job) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT owner, lease_until, last_slot FROM job_leases WHERE job = ?")) {
            s.setString(1, job);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                LocalDateTime last = rs.getObject(3, LocalDateTime.class);
                return new LeaseRow(job, rs.getString(1), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        last == null ? null : last.toInstant(ZoneOffset.UTC));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insertRun(Connection c, String job, String status, String instance, Instant started) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO job_runs (job, run_trigger, requested_at, started_at, status, instance) "
                + "VALUES (?, 'MANUAL', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, job);
            s.setObject(2, utc(started));
            s.setObject(3, utc(started));
            s.setString(4, status);
            s.setString(5, instance);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

}
