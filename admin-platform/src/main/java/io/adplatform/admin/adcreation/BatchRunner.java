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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits stored batches in the background and drives each to its end. Every object's state is committed before and
 * after each media call, so the loop can stop anywhere (crash, shutdown) and be resumed: objects left SUBMITTING are
 * looked up by their name marker first and adopted when the media has them. On start, every RUNNING batch resumes.
 * One loop per batch at a time (in this instance); ad accounts rest while throttled, across batches.
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

    /** After a restart: every batch still RUNNING goes on where it stopped. */
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

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** The loop of one batch; returns when nothing more can be done now (done, partial, or stopped). */
    void run(long batchId) {
        AdBatch batch = batches.find(batchId).orElseThrow();
        if (!"RUNNING".equals(batch.status())) {
            return;
        }
        BatchSpec spec = batches.spec(batchId);
        MediaCreator creator = creators.get(spec.media());
        boolean activeStatus = "ACTIVE".equals(spec.template().settings().status());
        Map<Long, AccountCredentials> creds = new HashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            List<AdObject> all = objects.ofBatch(batchId);
            Instant now = clock.instant();
            if (cascadeFailures(all)) {
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
                            objects.failed(o.id(), "the ad account is disconnected", false);
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
                send(spec, account, creator, list, chunk, activeStatus);
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
            try {
                Thread.sleep(Math.max(10, sleep.toMillis()));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!Thread.currentThread().isInterrupted()) {
            finish(batch);
        }
    }

    private void send(BatchSpec spec, AccountCredentials account, MediaCreator creator, List<AdObject> accountObjects,
                      List<AdObject> chunk, boolean activeStatus) {
        Map<String, AdObject> byKey = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (AdObject o : accountObjects) {
            byKey.put(o.key(), o);
            if (o.state() == ObjectState.CREATED) {
                ids.put(o.key(), o.mediaId());
            }
        }
        objects.submitting(chunk);
        MediaCreator.Sent sent;
        try {
            sent = creator.send(account, spec, chunk, byKey, ids);
        } catch (MediaHttp.Failure f) {
            for (AdObject o : chunk) {
                objects.unknown(o.id(), clock.instant().plus(backoff.after(o.attempts() + 1)), f.getMessage());
            }
            return;
        }
        Map<Long, AdObject> byId = new HashMap<>();
        chunk.forEach(o -> byId.put(o.id(), o));
        String status = creator.statusWord(activeStatus);
        for (MediaCreator.Outcome out : sent.outcomes()) {
            AdObject o = byId.get(out.objectId());
            switch (out.result()) {
                case CREATED -> objects.created(o.id(), out.mediaId(), status);
                case NOT_RUN, THROTTLED -> objects.pending(o.id(), null, out.message());
                case UNKNOWN -> objects.unknown(o.id(), clock.instant().plus(backoff.after(o.attempts() + 1)),
                        out.message());
                case FAILED -> objects.failed(o.id(), out.message(), true);
            }
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
                objects.unknown(o.id(), clock.instant().plus(backoff.after(o.attempts() + 1)),
                        "lookup by marker failed: " + f.getMessage());
            }
            return;
        }
        for (AdObject o : unknown) {
            String id = existing.get(o.key());
            if (id != null) {
                log.info("ad batch {}: {} {} found by its marker as {}, adopted", batchId, o.kind(), o.key(), id);
                objects.created(o.id(), id, creator.statusWord(activeStatus));
            } else if (o.attempts() >= props.maxAttempts()) {
                objects.failed(o.id(), "gave up after " + o.attempts() + " tries: " + o.error(), false);
            } else {
                objects.pending(o.id(), o.notBefore(), o.error());
            }
        }
    }

    /** PENDING objects under a FAILED one cannot be created: they fail too, naming why (a retry revives both). */
    private boolean cascadeFailures(List<AdObject> all) {
        Map<String, AdObject> byKey = new HashMap<>();
        all.forEach(o -> byKey.put(o.key(), o));
        boolean changed = false;
        for (AdObject o : all) {
            AdObject p = o.parentKey() == null ? null : byKey.get(o.parentKey());
            if (o.state() == ObjectState.PENDING && p != null && p.state() == ObjectState.FAILED) {
                objects.failed(o.id(), "not created: its " + p.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + p.key() + " failed" + (p.error() == null ? "" : " (" + p.error() + ")"), false);
                changed = true;
            }
        }
        return changed;
    }

    private void finish(AdBatch batch) {
        List<AdObject> all = objects.ofBatch(batch.id());
        long failed = all.stream().filter(o -> o.state() == ObjectState.FAILED).count();
        long open = all.stream().filter(o -> o.state() == ObjectState.PENDING || o.state() == ObjectState.SUBMITTING)
                .count();
        if (open > 0) {
            return;
        }
        String status = failed == 0 ? "DONE" : "PARTIAL";
        long ads = all.stream().filter(o -> o.kind() == ObjectKind.AD && o.state() == ObjectState.CREATED).count();
        tx.executeWithoutResult(s -> {
            batches.status(batch.id(), status, true);
            audit.recordSystem(null, "ad-batch.finished", "ad-batch", Long.toString(batch.id()), batch.appId(),
                    Map.of("status", status, "adsCreated", ads, "objectsFailed", failed));
        });
        log.info("ad batch {} finished {}: {} ads created, {} objects failed", batch.id(), status, ads, failed);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
