package io.adplatform.ingestion.events;

import io.adplatform.common.event.SdkEvent;
import io.adplatform.ingestion.web.FieldProblem;
import io.adplatform.ingestion.web.RequestRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a request's valid events exactly once: claim each event id in the dedup store, produce the claimed ones,
 * wait until Kafka acknowledged every one of them (acks=all), then confirm the claims. An event that Kafka did not
 * acknowledge in time has its claim released and is answered "retry", so the SDK's retry can write it; an event is
 * answered "accepted" only once it is durably in Kafka.
 */
public final class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);
    static final FieldProblem IN_FLIGHT = FieldProblem.of("eventId",
            "an earlier request with this event id has not finished yet; retry later with the same id");
    static final FieldProblem NOT_WRITTEN = FieldProblem.of("",
            "the event could not be written in time; retry later with the same id");

    private final DedupStore dedup;
    private final EventPublisher publisher;
    private final Duration produceTimeout;

    public EventIntake(DedupStore dedup, EventPublisher publisher, Duration produceTimeout) {
        this.dedup = dedup;
        this.publisher = publisher;
        this.produceTimeout = produceTimeout;
    }

    /** One result per validated event, in order. Throws a 503 {@link RequestRejected} if the dedup store is down. */
    public List<EventResult> ingest(String appId, List<EventValidator.Result> validated) {
        int n = validated.size();
        EventResult[] results = new EventResult[n];
        List<Integer> candidates = new ArrayList<>(n);
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            EventValidator.Result r = validated.get(i);
            if (!r.valid()) {
                results[i] = new EventResult(r.eventId(), EventResult.Status.REFUSED, r.errors());
            } else if (firstIndexOfId.putIfAbsent(r.eventId(), i) != null) {
                results[i] = EventResult.duplicate(r.eventId()); // the same id twice in one request is written once
            } else {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return List.of(results);
        }

        List<String> ids = candidates.stream().map(i -> validated.get(i).eventId()).toList();
        String token = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        List<DedupStore.Claim> claims;
        try {
            claims = dedup.claim(appId, ids, token);
        } catch (RuntimeException e) {
            log.warn("dedup store unavailable: {}", e.toString());
            throw new RequestRejected(503, "dedup_unavailable", "Service Unavailable",
                    "events cannot be checked for duplicates right now; nothing was written, retry later",
                    List.of(), 1);
        }

        List<Integer> claimed = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            int i = candidates.get(k);
            String id = ids.get(k);
            switch (claims.get(k)) {
                case SEEN -> results[i] = EventResult.duplicate(id);
                case IN_FLIGHT -> results[i] = new EventResult(id, EventResult.Status.RETRY, List.of(IN_FLIGHT));
                case CLAIMED -> {
                    claimed.add(i);
                    sends.add(send(validated.get(i).event()));
                }
            }
        }
        awaitAll(sends);

        List<String> written = new ArrayList<>();
        List<String> notWritten = new ArrayList<>();
        for (int k = 0; k < claimed.size(); k++) {
            int i = claimed.get(k);
            String id = validated.get(i).eventId();
            CompletableFuture<?> f = sends.get(k);
            if (f.isDone() && !f.isCompletedExceptionally()) {
                written.add(id);
                results[i] = EventResult.accepted(id);
            } else {
                notWritten.add(id);
                results[i] = new EventResult(id, EventResult.Status.RETRY, List.of(NOT_WRITTEN));
            }
        }
        if (!notWritten.isEmpty()) {
            log.warn("{} of {} events of app {} not acknowledged by Kafka within {}; claims released", notWritten.size(),
                    claimed.size(), appId, produceTimeout);
            try {
                dedup.release(appId, notWritten, token);
            } catch (RuntimeException e) {
                log.warn("could not release dedup claims (they expire by themselves): {}", e.toString());
            }
        }
        try {
            dedup.confirm(appId, written, token);
        } catch (RuntimeException e) {
            // the events are in Kafka; the pending claims expire, after which a retry could write one again
            log.warn("could not confirm dedup claims of {} written events: {}", written.size(), e.toString());
        }
        return List.of(results);
    }

    private CompletableFuture<?> send(SdkEvent event) {
        try {
            return publisher.publish(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // e.g. the producer's buffer stayed full for max.block.ms
        }
    }

    /** Waits until every send is acknowledged or failed, or the produce timeout is over (one deadline for all). */
    private void awaitAll(List<CompletableFuture<?>> sends) {
        long deadline = System.nanoTime() + produceTimeout.toNanos();
        Throwable firstFailure = null;
        for (CompletableFuture<?> f : sends) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                firstFailure = firstFailure == null ? e.getCause() : firstFailure;
            } catch (TimeoutException e) {
                return; // the rest is judged as it stands
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (firstFailure != null) {
            log.warn("Kafka refused events: {}", firstFailure.toString());
        }
    }
}
