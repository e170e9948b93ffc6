package io.adplatform.bidder.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * This bidder instance's view of every campaign's budget, consulted on each bid without a remote call: the budget
 * leased to the instance, the spend of the instance's wins as of the last refresh, and an estimate of the spend still
 * in flight — bids made whose win notices may yet come, counted as bid cost × the campaign's observed win rate and
 * forgotten after a window. A bid is admitted when the campaign is live, a uniform draw falls under its pacing rate and
 * the lease has room for the bid's full cost; admitting reserves the expected cost.
 *
 * <p>Lock-free: a map lookup and a few atomics per bid. A single refresher (the budget refresh) writes leases, spend,
 * win rates and pacing rates; when a lease runs low the {@link LeaseLowListener} is told once, so a refill can be
 * scheduled off the hot path. Prices are CPM micros as bid; one impression costs CPM / 1000.
 */
public final class BudgetLedger {

    /** Told (on the bidding thread, so it must be cheap) that a campaign's lease is about to run out. */
    @FunctionalInterface
    public interface LeaseLowListener {
        void leaseLow(String campaignId);
    }

    /** A campaign's state as the ledger sees it, for the refresh, metrics and tests. */
    public record Snapshot(long leasedMicros, long spentMicros, long inFlightMicros, long headroomMicros,
                           double winRate, double pacingRate, boolean limited, boolean exhausted) {
    }

    /** Time constant of the win-rate average: recent hours matter, last night's auctions less. */
    private static final double WIN_RATE_TAU_MILLIS = Duration.ofMinutes(30).toMillis();
    private static final int BUCKETS = 8;
    private static final int STAMP_BITS = 20;
    private static final long VALUE_MASK = (1L << (64 - STAMP_BITS)) - 1;

    private final Clock clock;
    private final long bucketMillis;
    private final double priorWinRate;
    private final double priorBids;
    private final LeaseLowListener listener;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /**
     * @param inFlightWindow how long a bid's expected cost is held after the bid (win notices later than this are rare)
     * @param priorWinRate   the win rate assumed before any is observed (1.0 is the cautious choice)
     * @param priorBids      pseudo-bids the prior weighs, against the observed bids
     */
    public BudgetLedger(Clock clock, Duration inFlightWindow, double priorWinRate, double priorBids,
                        LeaseLowListener listener) {
        if (inFlightWindow.toMillis() < BUCKETS || priorWinRate <= 0 || priorWinRate > 1 || priorBids <= 0) {
            throw new IllegalArgumentException("bad ledger parameters");
        }
        this.clock = clock;
        this.bucketMillis = inFlightWindow.toMillis() / BUCKETS;
        this.priorWinRate = priorWinRate;
        this.priorBids = priorBids;
        this.listener = listener;
    }

    /**
     * Starts (or updates) tracking a campaign. A new limited campaign has no lease until the first refresh, so it
     * bids nothing before then.
     *
     * @param limited        false when the campaign has neither a daily nor a total budget: no lease is needed
     * @param lowWaterMicros headroom under which the lease counts as running low
     */
    public void track(String campaignId, boolean limited, long lowWaterMicros) {
        Account a = accounts.computeIfAbsent(campaignId, id -> new Account(id, priorWinRate));
        a.limited = limited;
        a.lowWater = lowWaterMicros;
    }

    /** Forgets every campaign not in {@code campaignIds}. */
    public void retain(Set<String> campaignIds) {
        accounts.keySet().retainAll(campaignIds);
    }

    public Set<String> campaigns() {
        return accounts.keySet();
    }

    /**
     * Whether to bid for the campaign; if so, the bid's expected cost is reserved until its win shows in the spend
     * or the in-flight window passes. Call it for the bid that will actually be sent.
     *
     * @param bidPriceMicros the bid, CPM micros
     * @param u              a uniform draw from [0, 1) for the pacing throttle
     * @return false if the campaign is unknown or exhausted, throttled by pacing, or its lease lacks room
     */
    public boolean admit(String campaignId, long bidPriceMicros, double u) {
        Account a = accounts.get(campaignId);
        if (a == null || a.exhausted || u >= a.pacingRate) {
            return false;
        }
        if (a.limited) {
            long now = clock.millis();
            if (now >= a.validUntil) {
                a.signalLow(listener);
                return false;
            }
            long cost = cost(bidPriceMicros);
            long headroom = a.leased - a.spent - a.inFlight(now, bucketMillis);
            if (headroom < cost) {
                a.signalLow(listener);
                return false;
            }
            long reserve = Math.max(1, (long) Math.ceil(cost * a.winRate));
            a.reserve(now, bucketMillis, reserve);
            if (headroom - reserve < a.lowWater) {
                a.signalLow(listener);
            }
        }
        a.bids.increment();
        return true;
    }

    /**
     * Whether the refresher should ask the store about this campaign now: never asked yet, its lease is low or about to
     * lapse, or it was last asked {@code renewAfterMillis} ago (spread over half of that per campaign, so ten thousand
     * campaigns do not all renew in the same tick). A campaign that bids is not asked more often for that: what it
     * commits is held as in flight, and a lease that runs low asks for itself.
     */
    public boolean due(String campaignId, long renewAfterMillis) {
        Account a = accounts.get(campaignId);
        if (a == null) {
            return false;
        }
        if (a.lastRefresh == 0 || a.low.get()) {
            return true;
        }
        long now = clock.millis();
        long spread = renewAfterMillis / 2 + Math.floorMod(campaignId.hashCode(), Math.max(1, renewAfterMillis / 2));
        return now - a.lastRefresh >= spread || a.limited && now >= a.validUntil - renewAfterMillis;
    }

    /**
     * Takes in what the budget store says about the campaign: this instance's lease and spend for the day, the wins
     * behind that spend, and whether the campaign's budget is spent. Spend that arrived since the last refresh no
     * longer counts as in flight.
     *
     * @param validUntilMillis the lease is void after this (epoch millis) unless renewed: the store gives it away then
     */
    public void refreshed(String campaignId, long leasedMicros, long spentMicros, long wins, boolean exhausted,
                          long validUntilMillis) {
        Account a = accounts.get(campaignId);
        if (a == null) {
            return;
        }
        long now = clock.millis();
        long newSpend = spentMicros >= a.spent ? spentMicros - a.spent : spentMicros; // smaller: a new day began
        long newWins = wins >= a.wins ? wins - a.wins : wins;
        a.settle(now, bucketMillis, newSpend);
        double decay = a.lastRefresh == 0 ? 1 : Math.exp(-(now - a.lastRefresh) / WIN_RATE_TAU_MILLIS);
        a.bidsAverage = a.bidsAverage * decay + a.bids.sumThenReset();
        a.winsAverage = a.winsAverage * decay + newWins;
        a.winRate = Math.min(1.0, Math.max(0.001,
                (a.winsAverage + priorWinRate * priorBids) / (a.bidsAverage + priorBids)));
        a.lastRefresh = now;
        a.wins = wins;
        a.spent = spentMicros;
        a.leased = leasedMicros;
        a.exhausted = exhausted;
        a.validUntil = validUntilMillis;
        a.low.set(false);
        if (a.limited && leasedMicros - spentMicros - a.inFlight(now, bucketMillis) < a.lowWater) {
            a.low.set(true); // the refresh that just ran is the one to ask for more; no need to be told again
        }
    }

    public void pacingRate(String campaignId, double rate) {
        Account a = accounts.get(campaignId);
        if (a != null) {
            a.pacingRate = rate;
        }
    }

    /** Room left in the lease: leased − spent − in flight (Long.MAX_VALUE for unlimited campaigns, 0 if unknown). */
    public long headroom(String campaignId) {
        Account a = accounts.get(campaignId);
        if (a == null) {
            return 0;
        }
        return a.limited ? a.leased - a.spent - a.inFlight(clock.millis(), bucketMillis) : Long.MAX_VALUE;
    }

    /** Whether the lease is missing, void or under its low-water mark. */
    public boolean leaseLow(String campaignId) {
        Account a = accounts.get(campaignId);
        return a != null && a.limited
                && (clock.millis() >= a.validUntil || headroom(campaignId) < a.lowWater);
    }

    public Snapshot snapshot(String campaignId) {
        Account a = accounts.get(campaignId);
        if (a == null) {
            return null;
        }
        long inFlight = a.inFlight(clock.millis(), bucketMillis);
        return new Snapshot(a.leased, a.spent, inFlight, a.limited ? a.leased - a.spent - inFlight : Long.MAX_VALUE,
                a.winRate, a.pacingRate, a.limited, a.exhausted);
    }

    /** What one impression at this CPM costs, rounded up. */
    static long cost(long cpmMicros) {
        return (cpmMicros + 999) / 1000;
    }

    private static final class Account {
        final String id;
        final LongAdder bids = new LongAdder();
        final AtomicBoolean low = new AtomicBoolean();
        /** Expected cost of recent bids by time bucket: stamp (bucket number, low bits) << 44 | micros. */
        final AtomicLongArray inFlight = new AtomicLongArray(BUCKETS);
        volatile boolean limited;
        volatile long lowWater;
        volatile long leased;
        volatile long spent;
        volatile long validUntil;
        volatile boolean exhausted;
        volatile double pacingRate = 1.0;
        volatile double winRate;
        // written and read by the refresher only
        long wins;
        long lastRefresh;
        double bidsAverage;
        double winsAverage;

        Account(String id, double winRate) {
            this.id = id;
            this.winRate = winRate;
        }

        void signalLow(LeaseLowListener listener) {
            if (!low.get() && low.compareAndSet(false, true)) {
                listener.leaseLow(id);
            }
        }

        void reserve(long now, long bucketMillis, long micros) {
            long bucket = now / bucketMillis;
            int i = (int) (bucket % BUCKETS);
            long stamp = bucket & ((1L << STAMP_BITS) - 1);
            while (true) {
                long v = inFlight.get(i);
                long next = (v >>> (64 - STAMP_BITS)) == stamp
                        ? v + Math.min(micros, VALUE_MASK - (v & VALUE_MASK))
                        : stamp << (64 - STAMP_BITS) | Math.min(micros, VALUE_MASK);
                if (inFlight.compareAndSet(i, v, next)) {
                    return;
                }
            }
        }

        long inFlight(long now, long bucketMillis) {
            long current = now / bucketMillis;
            long sum = 0;
            for (int i = 0; i < BUCKETS; i++) {
                long v = inFlight.get(i);
                if (live(v, current)) {
                    sum += v & VALUE_MASK;
                }
            }
            return sum;
        }

        /** Takes {@code micros} of spend that has arrived out of the in-flight estimate, oldest bids first. */
        void settle(long now, long bucketMillis, long micros) {
            long current = now / bucketMillis;
            for (long b = current - BUCKETS + 1; b <= current && micros > 0; b++) {
                int i = (int) (b % BUCKETS);
                while (true) {
                    long v = inFlight.get(i);
                    if (!live(v, current) || (v >>> (64 - STAMP_BITS)) != (b & ((1L << STAMP_BITS) - 1))) {
                        break;
                    }
                    long take = Math.min(micros, v & VALUE_MASK);
                    if (inFlight.compareAndSet(i, v, v - take)) {
                        micros -= take;
                        break;
                    }
                }
            }
        }

        /** Whether a bucket value belongs to one of the last BUCKETS buckets up to {@code current}. */
        private static boolean live(long v, long current) {
            long stamp = v >>> (64 - STAMP_BITS);
            long age = ((current & ((1L << STAMP_BITS) - 1)) - stamp) & ((1L << STAMP_BITS) - 1);
            return age < BUCKETS && v != 0;
        }
    }
}
