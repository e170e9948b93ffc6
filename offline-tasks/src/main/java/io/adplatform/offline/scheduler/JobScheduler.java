package io.adplatform.offline.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link ScheduledJob} on its cron slots (UTC) and on manual triggers, one runner per job across all
 * instances sharing the database.
 * <p>
 * Every {@code pollInterval} the instance reads the leases and the jobs with QUEUED or RUNNING runs (two queries) and,
 * for each job it is not running itself that has work — a queued run, a due slot, or a RUNNING run whose instance let
 * the lease lapse — takes the job's lease ({@link JobStore#acquire}, atomic), marks stale RUNNING runs ABANDONED, and
 * claims the oldest queued run or else the due slot. The lease is renewed every third of its duration while the run
 * goes on and released when it ends. An instance that can no longer renew (the lease was taken over, or the database
 * stayed unreachable past the lease's end) interrupts its run: another instance may be running the job by then.
 */
public class JobScheduler {

    static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    /** A job with its parsed timetable. */
    private record Job(ScheduledJob job, CronSlots cron) {
        String name() {
            return job.name();
        }
    }

    /** A run going on in this instance. */
    private static final class Running {
        final RunRecord run;
        volatile Instant leaseUntil;
        volatile ScheduledFuture<?> renewal;
        volatile Future<?> future;

        Running(RunRecord run, Instant leaseUntil) {
            this.run = run;
            this.leaseUntil = leaseUntil;
        }
    }

    /** What the API shows of a job. */
    public record JobInfo(String name, String cron, Instant nextRunAt, RunRecord lastRun, String leaseOwner,
                          Instant leaseUntil, boolean runningHere) {
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final JobStore store;
    private final SchedulerProperties props;
    private final LeaseTerms terms;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Semaphore capacity;
    private final AtomicInteger rotation = new AtomicInteger();
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    private volatile boolean started;
    private volatile boolean stopping;

    public JobScheduler(Collection<? extends ScheduledJob> jobs, JobStore store, SchedulerProperties props, Clock clock,
                        MeterRegistry meters) {
        for (ScheduledJob job : jobs) {
            String name = job.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("job " + job.getClass().getName() + " has an invalid name '" + name
                        + "': 1-64 of [a-z0-9-]");
            }
            CronSlots cron;
            try {
                cron = CronSlots.parse(job.cron());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("job " + name + " has an invalid cron '" + job.cron() + "': "
                        + e.getMessage(), e);
            }
            if (this.jobs.putIfAbsent(name, new Job(job, cron)) != null) {
                throw new IllegalStateException("two jobs are named " + name);
            }
        }
        this.store = store;
        this.props = props;
        this.terms = new LeaseTerms(props.leaseDuration());
        this.clock = clock;
        this.meters = meters;
        this.capacity = new Semaphore(props.threads());
    }

    public String instanceId() {
        return props.instanceId();
    }

    /** Creates the jobs' lease rows and, if enabled, starts polling. */
    public synchronized void start() {
        if (started) {
            return;
        }
        store.ensureLeases(jobs.keySet(), clock.instant());
        started = true;
        if (!props.enabled()) {
            log.info("scheduler disabled on {}: jobs run on other instances only", props.instanceId());
            return;
        }
        AtomicInteger n = new AtomicInteger();
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "scheduler-poll"));
        workers = Executors.newFixedThreadPool(props.threads(), r -> daemon(r, "scheduler-job-" + n.incrementAndGet()));
        long every = props.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, 0, Math.max(1, every), TimeUnit.MILLISECONDS);
        log.info("scheduler {} started with jobs {}", props.instanceId(), jobs.keySet());
    }

    /**
     * Stops taking work, waits up to {@code shutdownTimeout} for the runs going on, then interrupts them. A run that
     * ends records its outcome and releases its lease; one that does not end before the process exits is left
     * RUNNING and becomes ABANDONED when its lease lapses.
     */
    public synchronized void stop() {
        if (!started || stopping) {
            return;
        }
        stopping = true;
        if (workers == null) {
            return;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(props.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("jobs {} still running after {}: interrupting them", running.keySet(), props.shutdownTimeout());
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        poller.shutdownNow();
    }

    public boolean hasJob(String name) {
        return jobs.containsKey(name);
    }

    /** Queues a manual run; the instance that holds or gets the job's lease runs it. */
    public RunRecord trigger(String job, Map<String, String> parameters) {
        if (!hasJob(job)) {
            throw new IllegalArgumentException("no job " + job);
        }
        RunRecord run = store.enqueue(job, parameters, clock.instant());
        wake();
        return run;
    }

    public List<JobInfo> jobs() {
        Instant now = clock.instant();
        Map<String, LeaseRow> leases = store.leases();
        Map<String, RunRecord> last = store.lastRuns();
        List<JobInfo> out = new ArrayList<>();
        for (Job job : jobs.values()) {
            LeaseRow lease = leases.get(job.name());
            Instant lastSlot = lease == null ? null : lease.lastSlot();
            Instant next = job.cron().nextRun(lastSlot, now).orElse(null);
            boolean held = lease != null && lease.owner() != null && lease.leaseUntil() != null
                    && !lease.leaseUntil().isBefore(now);
            out.add(new JobInfo(job.name(), job.cron().text(), next, last.get(job.name()),
                    held ? lease.owner() : null, held ? lease.leaseUntil() : null, running.containsKey(job.name())));
        }
        return out;
    }

    public List<RunRecord> runs(String job, int limit) {
        return store.runs(job, limit);
    }

    public Optional<RunRecord> run(long id) {
        return store.find(id);
    }

    /** Looks for work now instead of at the next poll. */
    void wake() {
        ScheduledExecutorService p = poller;
        if (p != null && !stopping) {
            try {
                p.execute(this::pollSafely);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("scheduler poll failed, trying again at the next one: {}", e.toString());
        }
    }

    void poll() {
        if (stopping) {
            return;
        }
        Instant now = clock.instant();
        Map<String, LeaseRow> leases = store.leases();
        Map<String, Set<RunStatus>> pending = store.pendingStatuses();
        List<Job> order = new ArrayList<>(jobs.values());
        if (!order.isEmpty()) {
            java.util.Collections.rotate(order, rotation.getAndIncrement() % order.size());
        }
        for (Job job : order) {
            if (stopping) {
                return;
            }
            if (running.containsKey(job.name())) {
                continue;
            }
            LeaseRow lease = leases.get(job.name());
            if (lease == null) {
                store.ensureLeases(List.of(job.name()), now);
                continue;
            }
            Set<RunStatus> statuses = pending.getOrDefault(job.name(), EnumSet.noneOf(RunStatus.class));
            Optional<Instant> due = job.cron().due(lease.lastSlot(), now);
            boolean queued = statuses.contains(RunStatus.QUEUED);
            boolean stale = statuses.contains(RunStatus.RUNNING);
            boolean work = queued || due.isPresent();
            if ((!work && !stale) || !terms.mayTake(lease.owner(), lease.leaseUntil(), props.instanceId(), now)) {
                continue;
            }
            if (work && !capacity.tryAcquire()) {
                work = false;
                if (!stale) {
                    continue;
                }
            }
            boolean launched = false;
            try {
                launched = take(job, now, work, queued, due);
            } catch (RuntimeException e) {
                log.warn("could not start job {}: {}", job.name(), e.toString());
                running.remove(job.name());
            } finally {
                if (work && !launched) {
                    capacity.release();
                }
            }
        }
    }

    private boolean take(Job job, Instant now, boolean work, boolean queued, Optional<Instant> due) {
        String me = props.instanceId();
        Instant until = terms.until(now);
        if (!store.acquire(job.name(), me, now, until)) {
            return false;
        }
        for (RunRecord r : store.abandonRunning(job.name(), now)) {
            log.warn("run {} of job {} abandoned: instance {} stopped renewing the lease", r.id(), job.name(), r.instance());
            count(r.job(), RunStatus.ABANDONED, r.trigger());
        }
        Optional<RunRecord> run = Optional.empty();
        if (work && queued) {
            run = store.claimQueued(job.name(), me, now);
        }
        if (work && run.isEmpty() && due.isPresent()) {
            run = store.claimSlot(job.name(), me, due.get(), now);
        }
        if (run.isEmpty()) {
            store.release(job.name(), me, now);
            return false;
        }
        launch(job, run.get(), until);
        return true;
    }

    private void launch(Job job, RunRecord run, Instant leaseUntil) {
        Running r = new Running(run, leaseUntil);
        running.put(job.name(), r);
        long every = terms.renewEvery().toMillis();
        r.renewal = poller.scheduleWithFixedDelay(() -> renew(job, r), every, every, TimeUnit.MILLISECONDS);
        log.info("run {} of job {} started ({}{})", run.id(), job.name(), run.trigger(),
                run.scheduledFor() == null ? "" : " slot " + run.scheduledFor());
        r.future = workers.submit(() -> execute(job, r));
    }

    private void renew(Job job, Running r) {
        Instant now = clock.instant();
        try {
            Instant until = terms.until(now);
            if (store.renew(job.name(), props.instanceId(), now, until)) {
                r.leaseUntil = until;
                return;
            }
            lost(job, r, "its lease was taken over by another instance");
        } catch (RuntimeException e) {
            if (now.isAfter(r.leaseUntil)) {
                lost(job, r, "the lease could not be renewed before it ended: " + e);
            } else {
                log.warn("could not renew the lease of job {}, trying again: {}", job.name(), e.toString());
            }
        }
    }

    private void lost(Job job, Running r, String why) {
        log.error("run {} of job {} interrupted: {}", r.run.id(), job.name(), why);
        ScheduledFuture<?> renewal = r.renewal;
        if (renewal != null) {
            renewal.cancel(false);
        }
        Future<?> f = r.future;
        if (f != null) {
            f.cancel(true);
        }
    }

    private void execute(Job job, Running r) {
        RunRecord run = r.run;
        long start = System.nanoTime();
        RunStatus status;
        String summary = null;
        String error = null;
        try {
            summary = job.job().run(run.toJobRun());
            status = RunStatus.SUCCEEDED;
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            status = RunStatus.FAILED;
            error = describe(e);
            log.warn("run {} of job {} failed: {}", run.id(), job.name(), error, e);
        } finally {
            ScheduledFuture<?> renewal = r.renewal;
            if (renewal != null) {
                renewal.cancel(false);
            }
        }
        Thread.interrupted(); // an interrupt meant for the job must not break the bookkeeping below
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Instant now = clock.instant();
        boolean recorded = false;
        try {
            recorded = store.finish(run.id(), props.instanceId(), status, summary, error, now);
        } catch (RuntimeException e) {
            log.error("could not record the outcome {} of run {} of job {}: {}", status, run.id(), job.name(), e.toString());
        }
        running.remove(job.name());
        try {
            store.release(job.name(), props.instanceId(), now);
        } catch (RuntimeException e) {
            log.warn("could not release the lease of job {} (it lapses on its own): {}", job.name(), e.toString());
        }
        capacity.release();
        if (recorded) {
            count(job.name(), status, run.trigger());
            Timer.builder("offline.scheduler.run.duration").description("how long job runs took")
                    .tag("job", job.name()).tag("status", status.name()).register(meters).record(took);
            log.info("run {} of job {} {} in {} ms: {}", run.id(), job.name(), status, took.toMillis(),
                    status == RunStatus.SUCCEEDED ? summary : error);
        } else {
            log.warn("run {} of job {} ended ({}) after it was abandoned: outcome not recorded", run.id(), job.name(), status);
        }
        wake();
    }

    private void count(String job, RunStatus status, RunTrigger trigger) {
        Counter.builder("offline.scheduler.runs").description("job runs by outcome")
                .tag("job", job).tag("status", status.name()).tag("trigger", trigger.name()).register(meters).increment();
    }

    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage());
        int depth = 0;
        for (Throwable c = e.getCause(); c != null && c != e && depth < 3; c = c.getCause(), depth++) {
            s.append(" | caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return s.toString();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
