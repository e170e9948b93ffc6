package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.AccountCredentials;
import io.adplatform.admin.adaccounts.AdAccounts;
import io.adplatform.admin.adaccounts.AdsProperties;
import io.adplatform.admin.adaccounts.Media;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.web.ApiProblem;
import org.springframework.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits stored batches in the background and drives each to its end. Every object's state is committed before and
 * after each media call, so the loop can stop anywhere (crash, shutdown) and be resumed: objects left SUBMITTING are
 * looked up by their name marker first and adopted when the media has them.
 * <p>
 * Several instances may run: a batch is worked by the one runner holding its lease ({@link BatchLease}, claimed under
 * a row lock, renewed every third of {@code runner.lease} while working). Every write of the loop is fenced by the
 * lease, so a runner whose lease was taken over stops without recording anything. Each instance polls every
 * {@code runner.poll-interval} for RUNNING batches nobody holds (a runner died, or the batch was released) and takes
 * them; on start it does the same at once. Ad accounts rest while throttled, across this runner's batches.
 */
@Component
public class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final AdBatchRecords batches;
    private final AdObjects objects;
    private final AdAccounts accounts;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final AdsProperties.Runner props;
    private final Clock clock;
    private final Backoff backoff;
    private final AccountRest rest;
    private final Map<Media, MediaCreator> creators = new EnumMap<>(Media.class);
    private final ExecutorService pool;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** Set while a batch's loop should end again (its loop picks it up after the current one). */
    private final Set<Long> again = ConcurrentHashMap.newKeySet();
    private final int maxOps;
    private final BatchLease lease;
    private final String owner;

    public BatchRunner(AdBatchRecords batches, AdObjects objects, AdAccounts accounts, AuditLog audit,
                       TransactionTemplate tx, AdsProperties props, Clock clock) {
        this.batches = batches;
        this.objects = objects;
        this.accounts = accounts;
        this.audit = audit;
        this.tx = tx;
        this.props = props.runner();
        this.clock = clock;
        this.backoff = new Backoff(this.props.backoffInitial(), this.props.backoffMax());
        this.rest = new AccountRest(clock);
        MediaHttp http = new MediaHttp(this.props.httpTimeout());
        creators.put(Media.META, new MetaCreator(http, props.meta()));
        creators.put(Media.TIKTOK, new TikTokCreator(http, props.tiktok(), clock));
        this.maxOps = props.meta().maxOpsPerBatch();
        this.lease = new BatchLease(this.props.lease());
        this.owner = "runner-" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.props.threads(), r -> {
            Thread t = new Thread(r, "ad-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    MediaCreator creator(Media media) {
        return creators.get(media);
    }

    /** This runner's lease owner id: unique per runner (a restarted instance is a new owner). */
    String owner() {
        return owner;
    }

    /** The lease was lost (taken over by another runner after it ran out): this runner records nothing more. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(long batchId) {
            super("the lease on ad batch " + batchId + " was lost");
        }
    }

    /** The batch this loop holds, and when it last renewed the lease. */
    private static final class Hold {
        final long batchId;
        Instant renewedAt;

        Hold(long batchId, Instant renewedAt) {
            this.batchId = batchId;
            this.renewedAt = renewedAt;
        }
    }

    /** Runs the batch in the background (again after its current loop, if one is under way). */
    public void submit(long batchId) {
        if (!running.add(batchId)) {
            again.add(batchId);
            return;
        }
        pool.execute(() -> {
            try {
                do {
                    again.remove(batchId);
                    run(batchId);
                } while (again.contains(batchId));
            } catch (LeaseLost e) {
                log.warn("ad batch {}: lease lost to another runner, this one stops without recording more", batchId);
            } catch (RuntimeException e) {
                log.error("ad batch {} stopped: {}", batchId, e.toString(), e);
            } finally {
                running.remove(batchId);
            }
        });
    }

    /**
     * Pauses or resumes a created object at its media and records the status set. Throttling answers 429, a refusal or
     * no answer 502; nothing is recorded then.
     */
    public String setMediaStatus(AdObject o, boolean active) {
        AccountCredentials account = accounts.credentials(o.appId(), o.accountRef()).orElseThrow(() ->
                new ApiProblem(HttpStatus.CONFLICT, "the ad account of this object is disconnected", List.of()));
        MediaCreator c = creators.get(o.media());
        try {
            c.setStatus(account, o.kind(), o.mediaId(), active);
        } catch (MediaCreator.Throttled t) {
            rest.rest(account.ref(), t.rest);
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "the media throttle this ad account; try again later",
                    List.of());
        } catch (MediaCreator.Refused | MediaHttp.Failure e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "the media did not change the status: " + e.getMessage(),
                    List.of());
        }
        String word = c.statusWord(active);
        objects.mediaStatus(o.id(), word);
        return word;
    }

    public boolean isRunning(long batchId) {
        return running.contains(batchId);
    }

    /**
     * After a restart: every batch still RUNNING goes on where it stopped (in this instance, unless another one holds
     * it; a batch whose runner died is taken once its lease has run out, by {@link #pollOrphans}).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeAll() {
        if (!props.resumeOnStart()) {
            return;
        }
        for (long id : batches.running()) {
            log.info("resuming ad batch {}", id);
            submit(id);
        }
    }

    /** RUNNING batches nobody holds (their runner died, or they were never taken) are taken by this instance. */
    @Scheduled(fixedDelayString = "${adplatform.ads.runner.poll-interval:PT15S}",
            initialDelayString = "${adplatform.ads.runner.poll-interval:PT15S}")
    public void pollOrphans() {
        try {
            for (long id : batches.orphaned(clock.instant(), 100)) {
                if (!running.contains(id)) {
                    log.info("ad batch {} has no live runner: taking it", id);
                    submit(id);
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment: the next poll tries again; leases keep batches single-runner.
            log.warn("ad batch poll failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Takes the batch's lease (its own short transaction, the batch row locked); empty when another runner holds a
     * live lease or the batch is not RUNNING.
     */
    Optional<Instant> claim(long batchId) {
        return tx.execute(t -> {
            Instant now = clock.instant();
            Optional<BatchLease.Holder> h = batches.lockLease(batchId);
            BatchLease.Claim c = lease.claim(h.orElse(null), owner, now);
            if (!c.granted()) {
                return Optional.<Instant>empty();
            }
            if (c == BatchLease.Claim.TAKEN_OVER) {
                log.info("ad batch {}: lease of {} ran out at {}, taken over", batchId, h.get().owner(),
                        h.get().until());
            }
            batches.setLease(batchId, owner, lease.until(now));
            return Optional.of(now);
        });
    }

    private void release(long batchId) {
        try {
            batches.release(batchId, owner);
        } catch (RuntimeException e) {
            log.warn("ad batch {}: could not release the lease ({}); it runs out by itself", batchId, e.toString());
        }
    }

    /** Renews the lease when a third of it has passed; throws {@link LeaseLost} when another runner took it. */
    private void keep(Hold hold) {
        Instant now = clock.instant();
        if (!lease.renewDue(hold.renewedAt, now)) {
            return;
        }
        if (!batches.renew(hold.batchId, owner, now, lease.until(now))) {
            throw new LeaseLost(hold.batchId);
        }
        hold.renewedAt = now;
    }

    /** A fenced write's result: false means the lease was lost. */
    private static void held(boolean written, long batchId) {
        if (!written) {
            throw new LeaseLost(batchId);
        }
    }

    /** The loop of one batch; returns when nothing more can be done now (done, partial, or stopped). */
    void run(long batchId) {
        AdBatch batch = batches.find(batchId).orElseThrow();
        if (!"RUNNING".equals(batch.status())) {
            return;
        }
        Optional<Instant> claimed = claim(batchId);
        if (claimed.isEmpty()) {
            log.debug("ad batch {} is worked by another runner", batchId);
            return;
        }
        Hold hold = new Hold(batchId, claimed.get());
        boolean finished = false;
        try {
            finished = loop(batch, hold);
        } finally {
            if (!finished) {
                // Stopped (shutdown, error, or lease lost: then a no-op): another runner takes it at its next poll.
                release(batchId);
            }
        }
    }

    /** True once the batch's end is recorded (the lease given up with it). */
    private boolean loop(AdBatch batch, Hold hold) {
        long batchId = batch.id();
        BatchSpec spec = batches.spec(batchId);
        MediaCreator creator = creators.get(spec.media());
        boolean activeStatus = "ACTIVE".equals(spec.template().settings().status());
        Map<Long, AccountCredentials> creds = new HashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            keep(hold);
            List<AdObject> all = objects.ofBatch(batchId);
            Instant now = clock.instant();
            if (cascadeFailures(batchId, all)) {
                continue;
            }
            Map<Long, List<AdObject>> byAccount = new LinkedHashMap<>();
            all.forEach(o -> byAccount.computeIfAbsent(o.accountRef(), k -> new ArrayList<>()).add(o));
            boolean progressed = false;
            Instant wake = null;
            for (Map.Entry<Long, List<AdObject>> e : byAccount.entrySet()) {
                long ref = e.getKey();
                List<AdObject> list = e.getValue();
                if (list.stream().allMatch(o -> o.state() == ObjectState.CREATED || o.state() == ObjectState.FAILED)) {
                    continue;
                }
                AccountCredentials account = creds.computeIfAbsent(ref,
                        r -> accounts.credentials(spec.appId(), r).orElse(null));
                if (account == null) {
                    for (AdObject o : list) {
                        if (o.state() != ObjectState.CREATED && o.state() != ObjectState.FAILED) {
                            held(objects.failed(owner, o.id(), "the ad account is disconnected", false), batchId);
                        }
                    }
                    progressed = true;
                    continue;
                }
                Duration resting = rest.remaining(ref);
                if (!resting.isZero()) {
                    wake = earliest(wake, now.plus(resting));
                    continue;
                }
                List<AdObject> unknown = list.stream().filter(o -> o.state() == ObjectState.SUBMITTING).toList();
                List<AdObject> dueUnknown = unknown.stream()
                        .filter(o -> o.notBefore() == null || !o.notBefore().isAfter(now)).toList();
                if (!dueUnknown.isEmpty()) {
                    keep(hold);
                    reconcile(batchId, account, creator, dueUnknown, activeStatus);
                    progressed = true;
                    continue;
                }
                for (AdObject o : unknown) {
                    wake = earliest(wake, o.notBefore());
                }
                List<AdObject> chunk = creator.nextChunk(list, maxOps, now);
                if (chunk.isEmpty()) {
                    for (AdObject o : list) {
                        if (o.state() == ObjectState.PENDING && o.notBefore() != null && o.notBefore().isAfter(now)) {
                            wake = earliest(wake, o.notBefore());
                        }
                    }
                    continue;
                }
                keep(hold);
                send(batchId, spec, account, creator, list, chunk, activeStatus);
                progressed = true;
            }
            if (progressed) {
                continue;
            }
            if (wake == null) {
                break;
            }
            Duration sleep = Duration.between(clock.instant(), wake);
            if (sleep.compareTo(props.maxThrottleWait()) > 0) {
                sleep = props.maxThrottleWait();
            }
            // Waking at least once per heartbeat keeps the lease renewed through long rests.
            if (sleep.compareTo(lease.heartbeat()) > 0) {
                sleep = lease.heartbeat();
            }
            try {
                Thread.sleep(Math.max(10, sleep.toMillis()));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !Thread.currentThread().isInterrupted() && finish(batch);
    }

    private void send(long batchId, BatchSpec spec, AccountCredentials account, MediaCreator creator, List<AdObject> accountObjects,
                      List<AdObject> chunk, boolean activeStatus) {
        Map<String, AdObject> byKey = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (AdObject o : accountObjects) {
            byKey.put(o.key(), o);
            if (o.state() == ObjectState.CREATED) {
                ids.put(o.key(), o.mediaId());
            }
        }
        held(objects.submitting(owner, chunk), batchId);
        MediaCreator.Sent sent;
        try {
            sent = creator.send(account, spec, chunk, byKey, ids);
        } catch (MediaHttp.Failure f) {
            for (AdObject o : chunk) {
                held(objects.unknown(owner, o.id(), clock.instant().plus(backoff.after(o.attempts() + 1)),
                        f.getMessage()), batchId);
            }
            return;
        }
        Map<Long, AdObject> byId = new HashMap<>();
        chunk.forEach(o -> byId.put(o.id(), o));
        String status = creator.statusWord(activeStatus);
        for (MediaCreator.Outcome out : sent.outcomes()) {
            AdObject o = byId.get(out.objectId());
            boolean written = switch (out.result()) {
                case CREATED -> objects.created(owner, o.id(), out.mediaId(), status);
                case NOT_RUN, THROTTLED -> objects.pending(owner, o.id(), null, out.message());
                case UNKNOWN -> objects.unknown(owner, o.id(), clock.instant().plus(backoff.after(o.attempts() + 1)),
                        out.message());
                case FAILED -> objects.failed(owner, o.id(), out.message(), true);
            };
            held(written, batchId);
        }
        rest.rest(account.ref(), sent.rest());
    }

    /** Objects whose last try has an unknown outcome: adopted when the media has them, else sent again. */
    private void reconcile(long batchId, AccountCredentials account, MediaCreator creator, List<AdObject> unknown,
                           boolean activeStatus) {
        List<ObjectKind> kinds = unknown.stream().map(AdObject::kind).distinct().toList();
        Map<String, String> existing;
        try {
            existing = creator.existing(account, batchId, kinds);
        } catch (MediaCreator.Throttled t) {
            rest.rest(account.ref(), t.rest);
            return;
        } catch (MediaHttp.Failure | MediaCreator.Refused f) {
            // The lookup itself failed: try again after a pause, never re-create blind.
            for (AdObject o : unknown) {
                held(objects.unknown(owner, o.id(), clock.instant().plus(backoff.after(o.attempts() + 1)),
                        "lookup by marker failed: " + f.getMessage()), batchId);
            }
            return;
        }
        for (AdObject o : unknown) {
            String id = existing.get(o.key());
            if (id != null) {
                log.info("ad batch {}: {} {} found by its marker as {}, adopted", batchId, o.kind(), o.key(), id);
                held(objects.created(owner, o.id(), id, creator.statusWord(activeStatus)), batchId);
            } else if (o.attempts() >= props.maxAttempts()) {
                held(objects.failed(owner, o.id(), "gave up after " + o.attempts() + " tries: " + o.error(), false),
                        batchId);
            } else {
                held(objects.pending(owner, o.id(), o.notBefore(), o.error()), batchId);
            }
        }
    }

    /** PENDING objects under a FAILED one cannot be created: they fail too, naming why (a retry revives both). */
    private boolean cascadeFailures(long batchId, List<AdObject> all) {
        Map<String, AdObject> byKey = new HashMap<>();
        all.forEach(o -> byKey.put(o.key(), o));
        boolean changed = false;
        for (AdObject o : all) {
            AdObject p = o.parentKey() == null ? null : byKey.get(o.parentKey());
            if (o.state() == ObjectState.PENDING && p != null && p.state() == ObjectState.FAILED) {
                held(objects.failed(owner, o.id(), "not created: its "
                        + p.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + p.key() + " failed"
                        + (p.error() == null ? "" : " (" + p.error() + ")"), false), batchId);
                changed = true;
            }
        }
        return changed;
    }

    /** Records the batch's end (and gives up its lease) if nothing is open; false when something still is. */
    private boolean finish(AdBatch batch) {
        List<AdObject> all = objects.ofBatch(batch.id());
        long failed = all.stream().filter(o -> o.state() == ObjectState.FAILED).count();
        long open = all.stream().filter(o -> o.state() == ObjectState.PENDING || o.state() == ObjectState.SUBMITTING)
                .count();
        if (open > 0) {
            return false;
        }
        String status = failed == 0 ? "DONE" : "PARTIAL";
        long ads = all.stream().filter(o -> o.kind() == ObjectKind.AD && o.state() == ObjectState.CREATED).count();
        tx.executeWithoutResult(s -> {
            held(batches.finish(batch.id(), status, owner, clock.instant()), batch.id());
            audit.recordSystem(null, "ad-batch.finished", "ad-batch", Long.toString(batch.id()), batch.appId(),
                    Map.of("status", status, "adsCreated", ads, "objectsFailed", failed));
        });
        log.info("ad batch {} finished {}: {} ads created, {} objects failed", batch.id(), status, ads, failed);
        return true;
    }

    private static String host() {
        try {
            String h = java.net.InetAddress.getLocalHost().getHostName();
            return h.length() > 30 ? h.substring(0, 30) : h;
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
