package io.adplatform.fakes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What all fakes share: scripted behaviour (latency, "answer the next N requests with ..."), a record of every request
 * with the verdict, and counters. Subclasses validate requests the way their partner does; the Marketing API and DSP
 * fakes also apply the change an accepted request asks for.
 */
public abstract class PartnerFake {

    /** The result of validating one request: the answer and, for accepted requests, the events it carried. */
    protected record Verdict(FakeResponse response, boolean accepted, String reason, List<EventKey> events) {

        static Verdict accept(FakeResponse response, List<EventKey> events) {
            return new Verdict(response, true, null, events);
        }

        static Verdict refuse(FakeResponse response, String reason) {
            return new Verdict(response, false, reason, List.of());
        }
    }

    /**
     * One event inside an accepted request.
     *
     * @param eventId  the partner's dedup id (Meta/TikTok {@code event_id}); for AppsFlyer, which has none, the whole body
     * @param dedupKey what the partner deduplicates on (Meta {@code event_name+event_id}, TikTok {@code event+event_id})
     */
    protected record EventKey(String eventId, String dedupKey) {
    }

    private final String name;
    protected final Clock clock;
    private final int maxRecorded;
    private volatile Duration latency = Duration.ZERO;
    /**
     * A scripted answer for the next request that matches; {@code afterAccepting}: the request is handled normally
     * first (events counted, change applied), only the answer is replaced.
     */
    private record Scripted(FakeResponse response, Predicate<IncomingRequest> when, boolean afterAccepting) {
    }

    private final Deque<Scripted> script = new ArrayDeque<>();
    private final Deque<ReceivedRequest> recorded = new ArrayDeque<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acceptedRequests = new AtomicLong();
    private final AtomicLong refusedRequests = new AtomicLong();
    private final AtomicLong acceptedEvents = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, AtomicInteger> byEventId = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dedupKeys = new ConcurrentHashMap<>();

    protected PartnerFake(String name, Clock clock, int maxRecorded) {
        this.name = name;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRecorded = maxRecorded;
    }

    /**
     * {@code appsflyer}, {@code meta}, {@code tiktok}, {@code meta-marketing}, {@code tiktok-marketing} or
     * {@code generic-dsp}: how the fake shows in {@code /_fakes/stats} and {@code /_fakes/received?partner=}.
     */
    public String name() {
        return name;
    }

    /**
     * Whether this fake answers {@code path} (the path below the server's prefix). Fakes sharing a prefix — a
     * partner's event API and its Marketing API live on one host — are asked in turn; the last one takes the rest.
     */
    protected boolean serves(String path) {
        return true;
    }

    /** Counts of the fake's own state for {@code /_fakes/stats} (ads, deep-link updates, ...); none by default. */
    protected Map<String, Long> stateStats() {
        return Map.of();
    }

    /** Answer every request after this long (e.g. 20 ms to imitate a partner's latency). */
    public PartnerFake latency(Duration value) {
        this.latency = Objects.requireNonNull(value);
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** The next {@code n} requests get {@code status} with the body this partner sends with it, whatever they carry. */
    public PartnerFake failNext(int n, int status) {
        return respondNext(n, scriptedResponse(status));
    }

    /** The next {@code n} requests get exactly this answer, whatever they carry. */
    public PartnerFake respondNext(int n, FakeResponse response) {
        return respondNext(n, response, r -> true);
    }

    /**
     * The next {@code n} requests that match {@code when} get {@code status} with this partner's body for it; other
     * requests are answered normally. Lets concurrent tests script failures for their own events only, e.g.
     * {@code r -> r.bodyText().contains(eventId)}.
     */
    public PartnerFake failNext(int n, int status, Predicate<IncomingRequest> when) {
        return respondNext(n, scriptedResponse(status), when);
    }

    /** The next {@code n} requests that match {@code when} get exactly this answer. */
    public PartnerFake respondNext(int n, FakeResponse response, Predicate<IncomingRequest> when) {
        return enqueue(n, new Scripted(response, when, false));
    }

    /**
     * The next {@code n} requests are handled as usual — events counted, an ad change applied — but answered with
     * {@code status} and this partner's body for it: the partner did the work and the answer was lost. What a client
     * that checks state before retrying must cope with. A request the partner refuses anyway gets that refusal (and
     * uses up the script entry).
     */
    public PartnerFake failNextAfterAccepting(int n, int status) {
        return failNextAfterAccepting(n, status, r -> true);
    }

    /** {@link #failNextAfterAccepting(int, int)} for the next {@code n} requests that match {@code when}. */
    public PartnerFake failNextAfterAccepting(int n, int status, Predicate<IncomingRequest> when) {
        return enqueue(n, new Scripted(scriptedResponse(status), when, true));
    }

    private PartnerFake enqueue(int n, Scripted scripted) {
        synchronized (script) {
            for (int i = 0; i < n; i++) {
                script.addLast(scripted);
            }
        }
        return this;
    }

    public void clearScript() {
        synchronized (script) {
            script.clear();
        }
    }

    /** Forgets requests, counters and scripts (credentials and latency stay); stateful fakes also forget their ads. */
    public void reset() {
        clearScript();
        synchronized (recorded) {
            recorded.clear();
        }
        requests.set(0);
        acceptedRequests.set(0);
        refusedRequests.set(0);
        acceptedEvents.set(0);
        duplicates.set(0);
        byEventId.clear();
        dedupKeys.clear();
    }

    /** The answer a real partner gives with this status, used by {@link #failNext}. */
    protected abstract FakeResponse scriptedResponse(int status);

    /**
     * Validates one request like the partner and decides the answer; a stateful fake applies an accepted change here
     * (not for a request answered by {@link #failNext} or {@link #respondNext}, which never reaches it).
     */
    protected abstract Verdict validate(IncomingRequest request);

    /** Handles one request: a scripted answer if one is queued, else the partner's own verdict; records it. */
    public final ReceivedRequest handle(IncomingRequest request) {
        requests.incrementAndGet();
        Scripted scripted = null;
        synchronized (script) {
            for (var it = script.iterator(); it.hasNext(); ) {
                Scripted next = it.next();
                if (next.when().test(request)) {
                    it.remove();
                    scripted = next;
                    break;
                }
            }
        }
        Verdict verdict;
        if (scripted == null) {
            verdict = safeValidate(request);
        } else if (!scripted.afterAccepting()) {
            verdict = Verdict.refuse(scripted.response(), "scripted answer " + scripted.response().status());
        } else {
            Verdict real = safeValidate(request);
            verdict = !real.accepted() ? real : new Verdict(scripted.response(), true,
                    "accepted, then scripted answer " + scripted.response().status(), real.events());
        }
        if (verdict.accepted()) {
            acceptedRequests.incrementAndGet();
            for (EventKey e : verdict.events()) {
                acceptedEvents.incrementAndGet();
                byEventId.computeIfAbsent(e.eventId(), k -> new AtomicInteger()).incrementAndGet();
                if (dedupKeys.putIfAbsent(e.dedupKey(), Boolean.TRUE) != null) {
                    duplicates.incrementAndGet();
                }
            }
        } else {
            refusedRequests.incrementAndGet();
        }
        ReceivedRequest received = new ReceivedRequest(seq.incrementAndGet(), clock.instant(), name, request.method(),
                request.path(), request.rawQuery(), Map.copyOf(request.headers()), request.bodyText(),
                verdict.response().status(), verdict.response().contentType(), verdict.response().body(),
                verdict.accepted(), verdict.reason(),
                verdict.events().stream().map(EventKey::eventId).toList(), verdict.response().headers());
        synchronized (recorded) {
            recorded.addLast(received);
            while (recorded.size() > maxRecorded) {
                recorded.removeFirst();
            }
        }
        return received;
    }

    private Verdict safeValidate(IncomingRequest request) {
        try {
            return validate(request);
        } catch (RuntimeException e) {
            // A bug in a fake must show up as a refused request, not as a hanging connection.
            return Verdict.refuse(FakeResponse.text(500, "fake failed: " + e), "fake failed: " + e);
        }
    }

    /** The most recent requests (at most the configured number kept), oldest first. */
    public List<ReceivedRequest> received() {
        synchronized (recorded) {
            return new ArrayList<>(recorded);
        }
    }

    public List<ReceivedRequest> received(Predicate<ReceivedRequest> filter) {
        return received().stream().filter(filter).toList();
    }

    public List<ReceivedRequest> accepted() {
        return received(ReceivedRequest::accepted);
    }

    public List<ReceivedRequest> refused() {
        return received(r -> !r.accepted());
    }

    public long requestCount() {
        return requests.get();
    }

    public long acceptedRequestCount() {
        return acceptedRequests.get();
    }

    public long refusedRequestCount() {
        return refusedRequests.get();
    }

    /** Events in accepted requests, duplicates included. */
    public long acceptedEventCount() {
        return acceptedEvents.get();
    }

    /** Distinct events the partner kept after its own dedup (AppsFlyer: distinct bodies). */
    public int uniqueEventCount() {
        return dedupKeys.size();
    }

    /** Accepted events the partner would have dropped as duplicates (AppsFlyer: an identical body seen before). */
    public long duplicateCount() {
        return duplicates.get();
    }

    /** How many times an event with this id was accepted (0 if never). */
    public int timesAccepted(String eventId) {
        AtomicInteger n = byEventId.get(eventId);
        return n == null ? 0 : n.get();
    }
}
