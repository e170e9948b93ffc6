package io.adplatform.bidder.budget;

import io.adplatform.common.dsp.CampaignConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Budgets of this bidder instance: the {@link BudgetLedger} answers the bid path, the {@link PacingController} sets
 * SMOOTH campaigns' pacing rates, and a refresh on its own thread (every {@code refresh-interval}, and at once when a
 * lease runs low) renews the leases in Redis in pipelined chunks spread over half an interval, reads back spend, and
 * ticks the pacing. No
 * {@code @EnableScheduling} needed. Campaigns come in through {@link #update}; win notices through {@link #recordWin},
 * whichever instance receives them.
 */
public final class BudgetService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BudgetService.class);
    private static final int RENEWALS_PER_CHUNK = 100;

    /** What the refresh needs of one campaign. */
    private record Tracked(String id, long dailyMicros, long totalMicros, Instant endAt, long chunkMicros) {

        boolean limited() {
            return dailyMicros > 0 || totalMicros > 0;
        }
    }

    private final BudgetStore store;
    private final BudgetProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String instanceId;
    private final BudgetLedger ledger;
    private final PacingController pacing;
    private final Map<String, Tracked> campaigns = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    /** @param meters null: no metrics */
    public BudgetService(BudgetStore store, BudgetProperties properties, Clock clock, MeterRegistry meters) {
        this(store, properties, clock, meters, defaultInstanceId());
    }

    BudgetService(BudgetStore store, BudgetProperties properties, Clock clock, MeterRegistry meters,
                  String instanceId) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.instanceId = instanceId;
        this.ledger = new BudgetLedger(clock, properties.inFlightWindow(), properties.priorWinRate(),
                properties.priorBids(), id -> requestRefresh());
        this.pacing = new PacingController(clock, properties.pacing(), PacingController.TrafficProfile.uniform());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "budget-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** The latest spend seen per campaign, for the pacing (a campaign is not read back on every refresh). */
    private final Map<String, PacingController.Observation> observed = new HashMap<>();

    /** This instance's id in the leases: host name and a random suffix, so a restarted process is a new holder. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Takes the current campaign set: ACTIVE campaigns are tracked (a new one bids from its first lease, about one
     * refresh later), the others are dropped and their leases released.
     */
    public void update(Collection<CampaignConfig> configs) {
        Set<String> active = new HashSet<>();
        for (CampaignConfig c : configs) {
            if (c.status() != CampaignConfig.Status.ACTIVE) {
                continue;
            }
            CampaignConfig.Budget b = c.budget() == null ? new CampaignConfig.Budget(0, 0, null) : c.budget();
            long daily = Math.max(0, b.dailyMicros());
            long total = Math.max(0, b.totalMicros());
            long chunk = properties.chunkMicros(daily, total);
            Tracked t = new Tracked(c.id(), daily, total, c.endAt(), chunk);
            active.add(c.id());
            campaigns.put(c.id(), t);
            ledger.track(c.id(), t.limited(), (long) (chunk * properties.lowWater()));
            pacing.track(c.id(), t.limited() ? b.pacing() : CampaignConfig.Pacing.FAST);
            if (meters != null) {
                gauges.computeIfAbsent(c.id(), this::registerGauges);
            }
        }
        for (String gone : new ArrayList<>(campaigns.keySet())) {
            if (!active.contains(gone)) {
                Tracked t = campaigns.remove(gone);
                if (t != null && t.limited()) {
                    store.release(instanceId, gone, clock.instant()).exceptionally(e -> {
                        log.warn("releasing the lease of campaign {} failed; it expires on its own", gone, e);
                        return null;
                    });
                }
                List<Meter> ms = gauges.remove(gone);
                if (ms != null) {
                    ms.forEach(meters::remove);
                }
            }
        }
        ledger.retain(active);
        pacing.retain(active);
        requestRefresh();
    }

    /** See {@link BudgetLedger#admit}: the bid path's only call; no I/O. */
    public boolean admit(String campaignId, long bidPriceMicros, double u) {
        return ledger.admit(campaignId, bidPriceMicros, u);
    }

    /** See {@link BudgetStore#recordWin}; {@code instanceId} is the bidding instance's, carried in the notice. */
    public CompletionStage<Boolean> recordWin(String winNoticeId, String campaignId, String instanceId,
                                              long priceMicros, Instant at) {
        return store.recordWin(winNoticeId, campaignId, instanceId, priceMicros, at);
    }

    public double pacingRate(String campaignId) {
        return pacing.rate(campaignId);
    }

    /** The ledger's view of a campaign (null if not tracked). */
    public BudgetLedger.Snapshot snapshot(String campaignId) {
        return ledger.snapshot(campaignId);
    }

    /**
     * One refresh: renews the leases that are due (growing those running low), reads back their spend, ticks the pacing
     * (on the latest spend known of every campaign) and hands the rates to the ledger. Runs on the refresh thread; callable directly in tests.
     */
    void refresh() {
        Instant now = clock.instant();
        List<BudgetStore.LeaseRequest> low = new ArrayList<>();
        List<BudgetStore.LeaseRequest> requests = new ArrayList<>();
        long renewAfter = properties.leaseTtl().toMillis() / 3;
        for (Tracked t : campaigns.values()) {
            if (t.limited() && ledger.due(t.id(), renewAfter)) {
                long want = ledger.leaseLow(t.id()) ? t.chunkMicros() : 0;
                (want > 0 ? low : requests).add(new BudgetStore.LeaseRequest(t.id(), t.dailyMicros(),
                        t.totalMicros(), want));
            }
        }
        low.addAll(requests); // those running low first
        Map<String, BudgetStore.Lease> leases = new HashMap<>();
        try {
            renew(low, now, leases);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Map<String, PacingController.Observation> observed = this.observed;
        observed.keySet().retainAll(campaigns.keySet());
        leases.forEach((id, lease) -> {
            Tracked t = campaigns.get(id);
            if (t == null) {
                return;
            }
            ledger.refreshed(id, lease.leasedMicros(), lease.instanceSpendMicros(), lease.instanceWins(),
                    lease.exhausted(t.dailyMicros(), t.totalMicros()), lease.validUntilMillis());
            observed.put(id, new PacingController.Observation(pacedDailyBudget(t, lease, now), lease.daySpendMicros()));
        });
        pacing.tick(observed);
        for (String id : campaigns.keySet()) {
            ledger.pacingRate(id, pacing.rate(id));
        }
    }

    /**
     * Renews the leases in pipelined chunks of {@value #RENEWALS_PER_CHUNK}, the chunks spread over half a
     * {@code refresh-interval}. With thousands of campaigns one pipeline was a burst of thousands of Lua scripts every
     * interval — tens of milliseconds of Redis, and the replies' handling here, with both cores busy — that the bid
     * path, whose every request waits on Redis, felt as a latency spike once per interval (at 10,000 campaigns most of
     * its requests over 10 ms at 5,000 requests/s). Spread out, the same work leaves the bid path room.
     */
    private void renew(List<BudgetStore.LeaseRequest> requests, Instant now, Map<String, BudgetStore.Lease> leases)
            throws InterruptedException {
        int chunks = (requests.size() + RENEWALS_PER_CHUNK - 1) / RENEWALS_PER_CHUNK;
        long spreadNanos = properties.refreshInterval().toNanos() / 2;
        long start = System.nanoTime();
        long timeoutMillis = properties.leaseTtl().toMillis() / 3;
        for (int i = 0; i < chunks; i++) {
            long wait = start + spreadNanos * i / chunks - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<BudgetStore.LeaseRequest> chunk = requests.subList(i * RENEWALS_PER_CHUNK,
                    Math.min(requests.size(), (i + 1) * RENEWALS_PER_CHUNK));
            try {
                leases.putAll(store.refresh(instanceId, chunk, now).toCompletableFuture()
                        .get(timeoutMillis, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.warn("budget refresh failed; leases run out at their TTL unless a later refresh succeeds", e);
                return;
            }
        }
    }

    /**
     * The budget SMOOTH pacing spreads over today: the daily budget; without one, what is left of the total spread
     * evenly over the days until the campaign ends (no end: nothing to pace against).
     */
    private long pacedDailyBudget(Tracked t, BudgetStore.Lease lease, Instant now) {
        if (t.dailyMicros() > 0) {
            return t.dailyMicros();
        }
        if (t.endAt() == null || !t.endAt().isAfter(now)) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(now, properties.dayZone());
        long days = ChronoUnit.DAYS.between(today, LocalDate.ofInstant(t.endAt(), properties.dayZone())) + 1;
        long remaining = Math.max(0, t.totalMicros() - lease.totalSpendMicros());
        return lease.daySpendMicros() + remaining / days;
    }

    private void requestRefresh() {
        if (running && refreshQueued.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::scheduledRefresh);
            } catch (RejectedExecutionException e) {
                refreshQueued.set(false); // shutting down
            }
        }
    }

    private void scheduledRefresh() {
        refreshQueued.set(false);
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("budget refresh failed", e);
        }
    }

    @Override
    public void start() {
        running = true;
        long period = properties.refreshInterval().toMillis();
        // at a fixed rate: a refresh spreads its renewals over half the period (see renew)
        scheduler.scheduleAtFixedRate(this::scheduledRefresh, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Stops refreshing and hands the unused leases back, so other instances need not wait for them to expire. */
    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        Instant now = clock.instant();
        List<CompletionStage<Void>> releases = new ArrayList<>();
        for (Tracked t : campaigns.values()) {
            if (t.limited()) {
                releases.add(store.release(instanceId, t.id(), now));
            }
        }
        for (CompletionStage<Void> r : releases) {
            try {
                r.toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("releasing a lease at shutdown failed; it expires on its own", e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1; // stop after the bid server, start before it
    }

    private List<Meter> registerGauges(String id) {
        List<Meter> ms = new ArrayList<>();
        ms.add(gauge("bidder.budget.pacing.rate", id, "probability that the campaign bids (SMOOTH pacing)",
                l -> l.pacingRate()));
        ms.add(gauge("bidder.budget.leased", id, "budget leased to this instance today, micros",
                l -> l.leasedMicros()));
        ms.add(gauge("bidder.budget.spent", id, "this instance's spend today as last refreshed, micros",
                l -> l.spentMicros()));
        ms.add(gauge("bidder.budget.in.flight", id, "expected cost of bids awaiting their win notice, micros",
                l -> l.inFlightMicros()));
        return ms;
    }

    private Meter gauge(String name, String id, String description, ToDoubleFunction<BudgetLedger.Snapshot> value) {
        return Gauge.builder(name, ledger, l -> {
            BudgetLedger.Snapshot s = l.snapshot(id);
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).tag("campaign", id).description(description).register(meters);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "bidder");
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }
}
