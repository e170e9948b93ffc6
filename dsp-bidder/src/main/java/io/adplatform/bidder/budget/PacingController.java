package io.adplatform.bidder.budget;

import io.adplatform.common.dsp.CampaignConfig.Pacing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Smooth pacing after Agarwal et al., "Budget pacing for targeted online advertisements at LinkedIn" (KDD 2014): a
 * SMOOTH campaign bids on a request only with probability p, its pacing rate. The day is cut into slots; at the end of
 * each slot p is updated multiplicatively from the spend of that slot against its target — raised when under target,
 * lowered when over, by a step that grows with the relative error. The target of a slot is the remaining daily budget
 * spread over the day's remaining slots in proportion to a {@link TrafficProfile} (uniform by default). FAST campaigns
 * always have p = 1.
 *
 * <p>The spend fed in is the campaign's global spend of the day (all bidder instances), so every instance computes
 * about the same p without talking to the others. Rates are read by any thread; {@link #tick} and the bookkeeping run
 * on one thread (the budget refresh).
 */
public final class PacingController {

    /**
     * @param slot        length of a pacing slot; must divide a day (e.g. 60 s, 1,440 slots)
     * @param minRate     lowest pacing rate, so a throttled campaign still samples traffic (e.g. 0.001)
     * @param initialRate the rate a campaign starts with before the first slot is measured
     * @param maxStep     the relative change of p when the slot's spend is off target by 100 % or more (e.g. 0.5:
     *                    ×1.5 when nothing was spent, ÷1.5 when twice the target was); smaller errors move p less
     * @param dayZone     the zone whose midnight starts a budget day (UTC by default)
     */
    public record Settings(Duration slot, double minRate, double initialRate, double maxStep, ZoneId dayZone) {

        public Settings {
            if (slot.isNegative() || slot.isZero() || Duration.ofDays(1).toMillis() % slot.toMillis() != 0) {
                throw new IllegalArgumentException("slot must divide a day: " + slot);
            }
            if (minRate <= 0 || minRate > 1 || initialRate < minRate || initialRate > 1 || maxStep <= 0) {
                throw new IllegalArgumentException("bad pacing rates");
            }
        }
    }

    /**
     * Relative weight of each slot of the day in the expected traffic; the daily budget is spread over the slots in
     * proportion to it. Uniform unless a forecast is plugged in.
     */
    @FunctionalInterface
    public interface TrafficProfile {

        /** @return a non-negative weight of {@code slotOfDay} (0-based) in a day of {@code slotsPerDay} slots */
        double weight(int slotOfDay, int slotsPerDay);

        static TrafficProfile uniform() {
            return (slot, slots) -> 1.0;
        }
    }

    /**
     * What the controller needs to know about a campaign at a tick.
     *
     * @param dailyBudgetMicros the budget to spread over today (0: nothing to pace against, p stays where it is)
     * @param daySpendMicros    spend of the campaign today, all instances together
     */
    public record Observation(long dailyBudgetMicros, long daySpendMicros) {
    }

    private static final class State {
        final Pacing pacing;
        volatile double rate;
        LocalDate day;
        int slot = -1;
        long slotStartMillis;
        long baseSpend;
        double targetPerMilli;

        State(Pacing pacing, double rate) {
            this.pacing = pacing;
            this.rate = rate;
        }
    }

    private final Clock clock;
    private final Settings settings;
    private final TrafficProfile profile;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public PacingController(Clock clock, Settings settings, TrafficProfile profile) {
        this.clock = clock;
        this.settings = settings;
        this.profile = profile;
    }

    /** Starts pacing a campaign, or switches its mode (a new mode starts afresh); same mode: nothing changes. */
    public void track(String campaignId, Pacing pacing) {
        Pacing mode = pacing == null ? Pacing.FAST : pacing;
        states.compute(campaignId, (id, old) -> old != null && old.pacing == mode ? old
                : new State(mode, mode == Pacing.FAST ? 1.0 : settings.initialRate()));
    }

    /** Forgets every campaign not in {@code campaignIds}. */
    public void retain(Set<String> campaignIds) {
        states.keySet().retainAll(campaignIds);
    }

    /** The probability of bidding for the campaign now: 1 for FAST and unknown campaigns. */
    public double rate(String campaignId) {
        State s = states.get(campaignId);
        return s == null ? 1.0 : s.rate;
    }

    /**
     * Closes the current slot if it has ended: for every SMOOTH campaign with an observation, updates p from the spend
     * since the slot began against the slot's target, and sets the next slot's target. Call it often (each budget
     * refresh); between slot boundaries it only remembers where new campaigns start.
     *
     * @return true if any rate changed
     */
    public boolean tick(Map<String, Observation> observed) {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(settings.dayZone());
        LocalDate day = local.toLocalDate();
        ZonedDateTime midnight = day.atStartOfDay(settings.dayZone());
        long dayMillis = Duration.between(midnight, day.plusDays(1).atStartOfDay(settings.dayZone())).toMillis();
        long slotMillis = settings.slot().toMillis();
        int slotsPerDay = (int) ((dayMillis + slotMillis - 1) / slotMillis); // 23 or 25 h days: one slot more or less
        long sinceMidnight = now.toEpochMilli() - midnight.toInstant().toEpochMilli();
        int slot = (int) (sinceMidnight / slotMillis);
        double remainingWeight = -1; // computed once, when the first campaign needs it

        boolean changed = false;
        for (Map.Entry<String, State> entry : states.entrySet()) {
            State s = entry.getValue();
            Observation o = observed.get(entry.getKey());
            if (s.pacing != Pacing.SMOOTH || o == null || (day.equals(s.day) && slot == s.slot)) {
                continue;
            }
            if (day.equals(s.day) && o.dailyBudgetMicros() > 0) {
                long spent = o.daySpendMicros() - s.baseSpend;
                double target = s.targetPerMilli * (now.toEpochMilli() - s.slotStartMillis);
                double updated = update(s.rate, spent, target);
                changed |= updated != s.rate;
                s.rate = updated;
            }
            // A new day, or a campaign seen for the first time: its rate carries over, the measurement starts now.
            if (remainingWeight < 0) {
                remainingWeight = remainingWeight(slot, slotsPerDay);
            }
            long remaining = Math.max(0, o.dailyBudgetMicros() - o.daySpendMicros());
            double share = remainingWeight <= 0 ? 1.0 : profile.weight(slot, slotsPerDay) / remainingWeight;
            s.day = day;
            s.slot = slot;
            s.slotStartMillis = now.toEpochMilli();
            s.baseSpend = o.daySpendMicros();
            s.targetPerMilli = remaining * share / slotMillis;
        }
        return changed;
    }

    /** The multiplicative update: log p moves by up to log(1 + maxStep), in proportion to the relative error. */
    double update(double rate, long spent, double target) {
        double error; // +1: nothing spent; −1: twice the target or more
        if (target <= 0) {
            error = spent > 0 ? -1 : 0;
        } else {
            error = Math.max(-1, Math.min(1, (target - spent) / target));
        }
        double factor = 1 + settings.maxStep() * Math.abs(error);
        double next = error >= 0 ? rate * factor : rate / factor;
        return Math.max(settings.minRate(), Math.min(1.0, next));
    }

    private double remainingWeight(int slot, int slotsPerDay) {
        double sum = 0;
        for (int i = slot; i < slotsPerDay; i++) {
            sum += profile.weight(i, slotsPerDay);
        }
        return sum;
    }
}
