package io.adplatform.attribution.delivery;

import io.adplatform.attribution.log.CallbackLog;
import io.adplatform.attribution.log.CallbackStatus;
import io.adplatform.attribution.log.LedgerRow;
import io.adplatform.attribution.log.NewCallback;
import io.adplatform.attribution.log.Outcome;
import io.adplatform.attribution.rules.Delivery;
import io.adplatform.attribution.rules.RuleEngine;
import io.adplatform.attribution.rules.RuleService;
import io.adplatform.attribution.settings.PartnerSettings;
import io.adplatform.attribution.settings.ProductSettings;
import io.adplatform.attribution.settings.SettingsService;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery pipeline, one batch at a time (a Kafka poll of events, or of due retry tasks):
 * <ol>
 *   <li>rules decide the (event, partner) callbacks; callbacks outside the partner's window or missing what the partner
 *       needs are written straight as dead letters;</li>
 *   <li>one transaction claims them all in the ledger (insert-if-absent, take over expired leases, read back);</li>
 *   <li>the claimed ones are sent concurrently through the {@link PartnerGateway};</li>
 *   <li>one transaction records every outcome; then results, dead letters and retry tasks go to Kafka and are awaited.</li>
 * </ol>
 * Only then does the caller commit its offsets. A crash anywhere leaves either uncommitted input (seen again, and the
 * ledger turns it into a no-op or a takeover) or a row with a lease that the next look takes over once it has expired.
 */
@Component
public class DeliveryPipeline {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);
    /** Rechecks land just after a lease ends, not on it. */
    private static final Duration RECHECK_MARGIN = Duration.ofMillis(50);

    /** A callback of this batch before it is claimed. */
    private record Candidate(AttributionEvent event, Instant windowEnd, Prepared.Call call, NewCallback entry) {
    }

    /** A claimed callback ready to send. */
    private record Send(LedgerRow row, AttributionEvent event, Instant windowEnd, Prepared.Call call) {
    }

    /** A claimed callback decided without a call (dead letter). */
    private record Decided(LedgerRow row, AttributionEvent event, String reason) {
    }

    /** An outcome plus what to publish once it is recorded. */
    private record Result(Outcome outcome, Partner partner, Runnable publish) {
    }

    private final SettingsService settings;
    private final RuleService rules;
    private final CallbackLog ledger;
    private final PartnerGateway gateway;
    private final Map<Partner, PartnerClient> clients;
    private final DeliveryPublisher publisher;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final RetryPolicy policy;
    private final DeliveryMetrics metrics;
    private final Duration maxCallWait;
    private final Duration startWithin;

    DeliveryPipeline(SettingsService settings, RuleService rules, CallbackLog ledger, PartnerGateway gateway,
                     List<PartnerClient> clients, DeliveryPublisher publisher, TransactionTemplate tx, Clock clock,
                     DeliveryProperties properties, DeliveryMetrics metrics) {
        this.settings = settings;
        this.rules = rules;
        this.ledger = ledger;
        this.gateway = gateway;
        this.clients = clients.stream().collect(Collectors.toMap(PartnerClient::partner, Function.identity()));
        this.publisher = publisher;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.policy = properties.backoff().policy();
        this.metrics = metrics;
        // A call may wait for a rate permit, then must start within one request timeout, then may take one.
        this.startWithin = clients.stream().map(c -> c.resilience().requestTimeout().plus(c.resilience().rateLimitMaxWait()))
                .max(Duration::compareTo).orElse(Duration.ofSeconds(15));
        this.maxCallWait = clients.stream().map(c -> c.resilience().requestTimeout())
                .max(Duration::compareTo).orElse(Duration.ofSeconds(10)).plus(startWithin).plusSeconds(5);
        if (properties.lease().compareTo(maxCallWait) <= 0) {
            throw new IllegalStateException("adplatform.attribution.delivery.lease (" + properties.lease()
                    + ") must exceed 2 x request timeout + rate-limit wait + 5 s (" + maxCallWait + ")");
        }
    }

    /** Handles one poll of routed events. Returns when every outcome is recorded and published. */
    public void onEvents(List<AttributionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        DeliveryPublisher.Batch out = publisher.batch();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        for (AttributionEvent routed : events) {
            SdkEvent e = routed.event();
            Optional<ProductSettings> product = settings.forProduct(e.appId());
            if (product.isEmpty()) {
                metrics.event("no_settings");
                continue;
            }
            List<Delivery> deliveries = RuleEngine.decide(routed, product.get().enabledPartners(),
                    rules.configured(e.appId()));
            if (deliveries.isEmpty()) {
                metrics.event("no_rule");
                continue;
            }
            metrics.event("routed");
            Instant eventTime = eventTime(e, now);
            String json = EventJson.mapper().writeValueAsString(routed);
            for (Delivery d : deliveries) {
                String key = e.eventId() + '/' + d.partner();
                if (candidates.containsKey(key)) {
                    skipDuplicate(out, e.eventId(), e.appId(), d.partner(), d.partnerEventName(), 0,
                            "duplicate of an event earlier in the same batch", now);
                    continue;
                }
                PartnerClient client = clients.get(d.partner());
                Instant windowEnd = client.windowEnd(eventTime);
                CallbackStatus status = CallbackStatus.PENDING;
                String reason = null;
                Prepared.Call call = null;
                if (now.isAfter(windowEnd)) {
                    status = CallbackStatus.DEAD_LETTERED;
                    reason = outsideWindow(windowEnd, null);
                } else {
                    PartnerSettings ps = product.get().get(d.partner()).orElseThrow();
                    Prepared p = client.prepare(new DeliveryRequest(routed, d.partnerEventName(), d.includeRevenue(), ps,
                            eventTime));
                    if (p instanceof Prepared.Unsendable u) {
                        status = CallbackStatus.DEAD_LETTERED;
                        reason = u.reason();
                    } else {
                        call = (Prepared.Call) p;
                    }
                }
                candidates.put(key, new Candidate(routed, windowEnd, call, new NewCallback(e.eventId(), d.partner(),
                        e.appId(), e.type().name(), e.eventName(), d.partnerEventName(), d.includeRevenue(), eventTime,
                        status, reason, json)));
            }
        }
        if (!candidates.isEmpty()) {
            List<NewCallback> entries = candidates.values().stream().map(Candidate::entry).toList();
            long t0 = System.nanoTime();
            List<LedgerRow> rows = inTransaction(() -> ledger.claimNew(entries, claim, now.plus(properties.lease()), now));
            metrics.stage("events", "claim", System.nanoTime() - t0);
            List<Send> sends = new ArrayList<>();
            List<Decided> decided = new ArrayList<>();
            for (LedgerRow row : rows) {
                Candidate c = candidates.get(row.key());
                if (row.mine() && row.status() == CallbackStatus.DEAD_LETTERED) {
                    // Inserted final by this batch: nothing to update, only to report.
                    deadLettered(out, row, c.event(), row.lastError(), row.attempts(), null, null, now);
                } else if (row.mine() && c.call() == null) {
                    decided.add(new Decided(row, c.event(), c.entry().reason()));
                } else if (row.mine()) {
                    sends.add(new Send(row, c.event(), c.windowEnd(), c.call()));
                } else if (row.status().isFinal()) {
                    skipDuplicate(out, row.eventId(), row.productId(), row.partner(), row.partnerEventName(),
                            row.attempts(), "already " + row.status(), now);
                } else {
                    recheck(out, row, DeliveryTask.Kind.RECHECK, now);
                }
            }
            sendAndRecord("events", sends, decided, claim, out);
        }
        long t1 = System.nanoTime();
        out.await();
        metrics.stage("events", "publish", System.nanoTime() - t1);
    }

    /** Handles one poll of due retry tasks. Returns when every outcome is recorded and published. */
    public void onTasks(List<DeliveryTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        DeliveryPublisher.Batch out = publisher.batch();
        Map<Long, DeliveryTask> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.merge(t.callbackId(), t, (a, b) -> a.kind() == DeliveryTask.Kind.RETRY ? b : a));
        long t0 = System.nanoTime();
        List<LedgerRow> rows = inTransaction(() -> ledger.claimExisting(byId.keySet(), claim,
                now.plus(properties.lease()), now));
        metrics.stage("retries", "claim", System.nanoTime() - t0);
        Set<Long> seen = new HashSet<>();
        List<Send> sends = new ArrayList<>();
        List<Decided> decided = new ArrayList<>();
        for (LedgerRow row : rows) {
            seen.add(row.id());
            DeliveryTask task = byId.get(row.id());
            if (row.mine()) {
                AttributionEvent event = EventJson.mapper().readValue(row.eventJson(), AttributionEvent.class);
                PartnerClient client = clients.get(row.partner());
                Instant windowEnd = client.windowEnd(row.eventTime());
                Optional<PartnerSettings> ps = settings.forProduct(row.productId())
                        .flatMap(p -> p.get(row.partner())).filter(PartnerSettings::enabled);
                if (now.isAfter(windowEnd)) {
                    decided.add(new Decided(row, event, outsideWindow(windowEnd, row.lastError())));
                } else if (ps.isEmpty()) {
                    decided.add(new Decided(row, event, "product " + row.productId() + " has no enabled "
                            + row.partner().name().toLowerCase() + " settings any more"));
                } else {
                    Prepared p = client.prepare(new DeliveryRequest(event, row.partnerEventName(), row.includeRevenue(),
                            ps.get(), row.eventTime()));
                    if (p instanceof Prepared.Unsendable u) {
                        decided.add(new Decided(row, event, u.reason()));
                    } else {
                        sends.add(new Send(row, event, windowEnd, (Prepared.Call) p));
                    }
                }
            } else if (row.status().isFinal()) {
                if (task.kind() == DeliveryTask.Kind.RECHECK) {
                    skipDuplicate(out, row.eventId(), row.productId(), row.partner(), row.partnerEventName(),
                            row.attempts(), "already " + row.status(), now);
                } else {
                    metrics.staleTask();
                }
            } else {
                recheck(out, row, task.kind(), now);
            }
        }
        byId.keySet().stream().filter(id -> !seen.contains(id))
                .forEach(id -> log.warn("retry task for callback {} which is not in the log; dropped", id));
        sendAndRecord("retries", sends, decided, claim, out);
        long t1 = System.nanoTime();
        out.await();
        metrics.stage("retries", "publish", System.nanoTime() - t1);
    }

    private void sendAndRecord(String source, List<Send> sends, List<Decided> decided, String claim,
                               DeliveryPublisher.Batch out) {
        if (sends.isEmpty() && decided.isEmpty()) {
            return;
        }
        List<CompletableFuture<PartnerGateway.CallResult>> calls = new ArrayList<>(sends.size());
        long startBy = System.nanoTime() + startWithin.toNanos();
        for (Send s : sends) {
            calls.add(gateway.send(s.row().partner(), s.call(), startBy));
        }
        long t0 = System.nanoTime();
        awaitCalls(calls);
        metrics.stage(source, "send", System.nanoTime() - t0);
        Instant done = clock.instant();
        List<Result> results = new ArrayList<>(sends.size() + decided.size());
        for (int i = 0; i < sends.size(); i++) {
            PartnerGateway.CallResult r = calls.get(i).getNow(new PartnerGateway.CallResult(
                    PartnerAnswer.retry("no answer within " + maxCallWait.toSeconds() + " s", null), true, null,
                    maxCallWait.toMillis(), null));
            results.add(decide(sends.get(i), r, done, out));
        }
        for (Decided d : decided) {
            LedgerRow row = d.row();
            results.add(new Result(new Outcome(row.id(), CallbackStatus.DEAD_LETTERED, false, null, null, d.reason(),
                    null, null, null), row.partner(),
                    () -> deadLettered(out, row, d.event(), d.reason(), row.attempts(), null, null, done)));
        }
        List<Outcome> outcomes = results.stream().map(Result::outcome).toList();
        long t1 = System.nanoTime();
        Set<Long> lost = new HashSet<>(inTransaction(() -> ledger.record(outcomes, claim, done)));
        metrics.stage(source, "record", System.nanoTime() - t1);
        if (!lost.isEmpty()) {
            // Our lease ran out and another worker took these rows over: its outcome counts, not ours.
            metrics.claimsLost(lost.size());
            log.warn("lost the claim on {} callbacks before recording their outcome (lease {} too short?)", lost.size(),
                    properties.lease());
        }
        for (Result r : results) {
            if (!lost.contains(r.outcome().id())) {
                r.publish().run();
            }
        }
    }

    private Result decide(Send s, PartnerGateway.CallResult r, Instant done, DeliveryPublisher.Batch out) {
        LedgerRow row = s.row();
        int attempts = row.attempts() + (r.attempted() ? 1 : 0);
        PartnerAnswer answer = r.answer();
        Long latency = r.attempted() ? r.latencyMs() : null;
        switch (answer.verdict()) {
            case DELIVERED -> {
                return new Result(new Outcome(row.id(), CallbackStatus.DELIVERED, true, r.httpStatus(), latency,
                        row.lastError(), r.responseBody(), null, null), row.partner(), () -> {
                    metrics.outcome(row.partner(), CallbackResult.Outcome.DELIVERED);
                    out.result(new CallbackResult(row.eventId(), row.productId(), row.partner(), row.partnerEventName(),
                            CallbackResult.Outcome.DELIVERED, attempts, r.httpStatus(), latency,
                            CallbackLogText.shorten(r.responseBody()), done));
                });
            }
            case REJECT -> {
                return new Result(new Outcome(row.id(), CallbackStatus.DEAD_LETTERED, r.attempted(), r.httpStatus(),
                        latency, answer.detail(), r.responseBody(), null, null), row.partner(),
                        () -> deadLettered(out, row, s.event(), answer.detail(), attempts, r.httpStatus(),
                                r.responseBody(), done));
            }
            default -> {
                Duration delay = policy.delay(Math.max(1, attempts), answer.retryAfter(),
                        ThreadLocalRandom.current()::nextDouble);
                Instant due = done.plus(delay);
                if (due.isAfter(s.windowEnd())) {
                    String reason = outsideWindow(s.windowEnd(), answer.detail());
                    return new Result(new Outcome(row.id(), CallbackStatus.DEAD_LETTERED, r.attempted(), r.httpStatus(),
                            latency, reason, r.responseBody(), null, null), row.partner(),
                            () -> deadLettered(out, row, s.event(), reason, attempts, r.httpStatus(), r.responseBody(),
                                    done));
                }
                return new Result(new Outcome(row.id(), CallbackStatus.RETRY_SCHEDULED, r.attempted(), r.httpStatus(),
                        latency, answer.detail(), r.responseBody(), due, due), row.partner(), () -> {
                    metrics.outcome(row.partner(), CallbackResult.Outcome.RETRY_SCHEDULED);
                    out.task(new DeliveryTask(row.id(), row.eventId(), row.partner(), due, DeliveryTask.Kind.RETRY,
                            attempts));
                    out.result(new CallbackResult(row.eventId(), row.productId(), row.partner(), row.partnerEventName(),
                            CallbackResult.Outcome.RETRY_SCHEDULED, attempts, r.httpStatus(), latency,
                            CallbackLogText.shorten(answer.detail() + ", next attempt at " + due), done));
                });
            }
        }
    }

    private void deadLettered(DeliveryPublisher.Batch out, LedgerRow row, AttributionEvent event, String reason,
                              int attempts, Integer httpStatus, String answer, Instant at) {
        metrics.outcome(row.partner(), CallbackResult.Outcome.DEAD_LETTERED);
        log.atInfo().addKeyValue("eventId", row.eventId()).addKeyValue("partner", row.partner())
                .addKeyValue("callbackId", row.id()).addKeyValue("reason", reason)
                .log("callback dead-lettered: {}", reason);
        out.deadLetter(new DeadLetter(row.id(), row.eventId(), row.productId(), row.partner(), row.partnerEventName(),
                reason, attempts, httpStatus, answer, at, event, null));
        out.result(new CallbackResult(row.eventId(), row.productId(), row.partner(), row.partnerEventName(),
                CallbackResult.Outcome.DEAD_LETTERED, attempts, httpStatus, null, CallbackLogText.shorten(reason), at));
    }

    private void skipDuplicate(DeliveryPublisher.Batch out, String eventId, String appId, Partner partner,
                               String partnerEventName, int attempts, String why, Instant at) {
        metrics.outcome(partner, CallbackResult.Outcome.DUPLICATE_SKIPPED);
        out.result(new CallbackResult(eventId, appId, partner, partnerEventName, CallbackResult.Outcome.DUPLICATE_SKIPPED,
                attempts, null, null, why, at));
    }

    private void recheck(DeliveryPublisher.Batch out, LedgerRow row, DeliveryTask.Kind kind, Instant now) {
        Instant due = (row.leaseUntil().isAfter(now) ? row.leaseUntil() : now).plus(RECHECK_MARGIN);
        out.task(new DeliveryTask(row.id(), row.eventId(), row.partner(), due, kind, row.attempts()));
    }

    private void awaitCalls(List<CompletableFuture<PartnerGateway.CallResult>> calls) {
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(maxCallWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Shutting down: wait no longer; unanswered calls are recorded as retryable and the row stays ours.
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Individual results say what happened; getNow supplies a timeout for the ones still running.
        }
    }

    private <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= 3) {
                    throw e;
                }
                log.debug("deadlock on the callback log, retrying the batch's transaction: {}", e.getMessage());
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static Instant eventTime(SdkEvent e, Instant now) {
        Instant t = e.occurredAt() != null ? e.occurredAt() : e.receivedAt() != null ? e.receivedAt() : now;
        return t.isAfter(now) ? now : t;
    }

    static String outsideWindow(Instant windowEnd, String lastError) {
        return "outside partner window (closed " + windowEnd + ")" + (lastError == null ? "" : "; last error: " + lastError);
    }
}
