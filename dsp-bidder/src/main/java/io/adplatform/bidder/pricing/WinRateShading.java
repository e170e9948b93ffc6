package io.adplatform.bidder.pricing;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.random.RandomGenerator;

/**
 * First-price bid shading from observed win rates, per placement (or exchange): bids go out at a fraction r of the
 * impression's value, r on a grid from {@code min} to 1; for each r the bidder counts bids and wins, and picks the r
 * that maximises the expected surplus (1 − r) × P(win | r). Win rates are smoothed towards a prior that rises with r,
 * so an unexplored fraction is neither favoured nor ruled out, and a small share of bids explores the other fractions.
 * Thread-safe without locks (counters only).
 */
public final class WinRateShading {

    private final double[] ratios;
    private final AtomicLongArray bids;
    private final AtomicLongArray wins;
    private final double explore;
    private final double priorWeight;

    /**
     * @param min         lowest fraction of the value ever bid (e.g. 0.5)
     * @param steps       grid points between {@code min} and 1, both included
     * @param explore     share of bids at a random fraction (e.g. 0.05)
     * @param priorWeight pseudo-bids of the prior per fraction
     */
    public WinRateShading(double min, int steps, double explore, double priorWeight) {
        if (min <= 0 || min >= 1 || steps < 2 || explore < 0 || explore > 1 || priorWeight <= 0) {
            throw new IllegalArgumentException("bad shading parameters");
        }
        this.ratios = new double[steps];
        for (int i = 0; i < steps; i++) {
            ratios[i] = min + (1 - min) * i / (steps - 1);
        }
        this.bids = new AtomicLongArray(steps);
        this.wins = new AtomicLongArray(steps);
        this.explore = explore;
        this.priorWeight = priorWeight;
    }

    /** The fraction of value to bid now: the best by expected surplus, or (rarely) another one to keep learning. */
    public int choose(RandomGenerator random) {
        return random.nextDouble() < explore ? random.nextInt(ratios.length) : best();
    }

    /** The fraction with the best expected surplus so far. */
    public int best() {
        int best = ratios.length - 1;
        double bestSurplus = -1;
        for (int i = 0; i < ratios.length; i++) {
            double surplus = (1 - ratios[i]) * winRate(i);
            if (surplus > bestSurplus) {
                bestSurplus = surplus;
                best = i;
            }
        }
        return best;
    }

    public double ratio(int choice) {
        return ratios[choice];
    }

    public void bid(int choice) {
        bids.incrementAndGet(choice);
    }

    public void won(int choice) {
        wins.incrementAndGet(choice);
    }

    /** Smoothed P(win | fraction): observed wins plus a prior equal to the fraction itself, weighted priorWeight. */
    public double winRate(int choice) {
        return (wins.get(choice) + priorWeight * ratios[choice]) / (bids.get(choice) + priorWeight);
    }
}
