package io.adplatform.bidder.budget;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.bidder.budget.*}: leases, pacing and the refresh that ties them to Redis. Checked at start-up.
 *
 * @param keyPrefix       prefix of the budget keys in Redis
 * @param dayZone         the zone whose midnight starts a budget day
 * @param slot            pacing slot; the SMOOTH pacing rate changes once per slot; must divide a day
 * @param pMin            lowest pacing rate
 * @param initialRate     pacing rate of a SMOOTH campaign before its first slot is measured
 * @param maxStep         relative change of the pacing rate per slot when spend is 100 % or more off target
 * @param leaseFraction   a lease chunk is this share of the daily budget (of the total when there is no daily one)
 * @param minChunkMicros  ... but at least this much
 * @param lowWater        a lease whose headroom falls below this share of a chunk asks for another chunk
 * @param refreshInterval how often leases are renewed and spend read back (one pipelined round trip)
 * @param leaseTtl        a lease not renewed for this long goes back to the pool; several refresh intervals
 * @param inFlightWindow  how long a bid's expected cost counts as in flight, waiting for its win notice
 * @param priorWinRate    the win rate assumed for a campaign before any is observed
 * @param priorBids       how many bids' worth of weight that prior has
 * @param winDedupTtl     how long a win notice id is remembered so a repeated notice is not counted twice
 * @param dayRetention    how long a day's books stay in Redis after its last write
 */
@ConfigurationProperties("adplatform.bidder.budget")
public record BudgetProperties(String keyPrefix, ZoneId dayZone, Duration slot, Double pMin, Double initialRate,
                               Double maxStep, Double leaseFraction, Long minChunkMicros, Double lowWater,
                               Duration refreshInterval, Duration leaseTtl, Duration inFlightWindow,
                               Double priorWinRate, Double priorBids, Duration winDedupTtl, Duration dayRetention) {

    public BudgetProperties {
        keyPrefix = keyPrefix == null ? "bid:" : keyPrefix;
        dayZone = dayZone == null ? ZoneId.of("UTC") : dayZone;
        slot = slot == null ? Duration.ofSeconds(60) : slot;
        pMin = pMin == null ? 0.001 : pMin;
        initialRate = initialRate == null ? 0.1 : initialRate;
        maxStep = maxStep == null ? 0.5 : maxStep;
        leaseFraction = leaseFraction == null ? 0.02 : leaseFraction;
        minChunkMicros = minChunkMicros == null ? 1_000_000L : minChunkMicros;
        lowWater = lowWater == null ? 0.5 : lowWater;
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(1) : refreshInterval;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(15) : leaseTtl;
        inFlightWindow = inFlightWindow == null ? Duration.ofSeconds(60) : inFlightWindow;
        priorWinRate = priorWinRate == null ? 1.0 : priorWinRate;
        priorBids = priorBids == null ? 50.0 : priorBids;
        winDedupTtl = winDedupTtl == null ? Duration.ofHours(1) : winDedupTtl;
        dayRetention = dayRetention == null ? Duration.ofDays(3) : dayRetention;
        if (leaseFraction <= 0 || leaseFraction > 1 || minChunkMicros <= 0 || lowWater <= 0 || lowWater > 1) {
            throw new IllegalArgumentException("adplatform.bidder.budget: bad lease settings");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()
                || leaseTtl.compareTo(refreshInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("adplatform.bidder.budget: lease-ttl must be ≥ 3 × refresh-interval");
        }
        if (winDedupTtl.isNegative() || winDedupTtl.isZero() || dayRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("adplatform.bidder.budget: bad retention settings");
        }
        new PacingController.Settings(slot, pMin, initialRate, maxStep, dayZone); // validates them
    }

    public PacingController.Settings pacing() {
        return new PacingController.Settings(slot, pMin, initialRate, maxStep, dayZone);
    }

    public BudgetStore.Settings store() {
        return new BudgetStore.Settings(keyPrefix, dayZone, leaseTtl, minChunkMicros, winDedupTtl, dayRetention);
    }

    /** The chunk of budget one lease call asks for. */
    public long chunkMicros(long dailyMicros, long totalMicros) {
        long base = dailyMicros > 0 ? dailyMicros : totalMicros;
        return Math.max(minChunkMicros, (long) (base * leaseFraction));
    }
}
