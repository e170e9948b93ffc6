package io.adplatform.loadgen.dplink;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * How late a DSP reports a click, in seconds of simulated time: a mixture of
 * <ul>
 *   <li>the bulk (default 85 %): lognormal, median {@code fastMedian} (1.5 s), shape {@code fastSigma} (0.6) — most
 *       reports within seconds;</li>
 *   <li>stragglers (default 12 %): log-uniform between {@code mediumMin} (5 s) and {@code mediumMax} (60 s);</li>
 *   <li>the long tail (default 3 %): log-uniform between {@code tailMin} (60 s) and {@code max} (600 s);</li>
 * </ul>
 * every delay capped at {@code max} (10 min). Log-uniform puts as much mass in 60–190 s as in 190–600 s: a tail that
 * thins out towards the cap rather than a wall at it.
 */
record DelayModel(double fastMedian, double fastSigma, double pMedium, double mediumMin, double mediumMax, double pTail,
                  double tailMin, double max) {

    static DelayModel from(Opts o) {
        return new DelayModel(o.decimal("delay-median", 1.5), o.decimal("delay-sigma", 0.6),
                o.decimal("delay-p-medium", 0.12), o.decimal("delay-medium-min", 5), o.decimal("delay-medium-max", 60),
                o.decimal("delay-p-tail", 0.03), o.decimal("delay-tail-min", 60), o.decimal("delay-max", 600));
    }

    double sample(Random r) {
        double u = r.nextDouble();
        double d;
        if (u < pTail) {
            d = logUniform(r, tailMin, max);
        } else if (u < pTail + pMedium) {
            d = logUniform(r, mediumMin, mediumMax);
        } else {
            d = fastMedian * Math.exp(fastSigma * r.nextGaussian());
        }
        return Math.min(d, max);
    }

    private static double logUniform(Random r, double lo, double hi) {
        return lo * Math.exp(r.nextDouble() * Math.log(hi / lo));
    }

    String describe() {
        return String.format(Locale.ROOT, "%.0f %% lognormal(median %.2f s, sigma %.2f) + %.0f %% log-uniform %.0f-%.0f s"
                        + " + %.0f %% log-uniform %.0f-%.0f s, capped at %.0f s",
                100 * (1 - pMedium - pTail), fastMedian, fastSigma, 100 * pMedium, mediumMin, mediumMax, 100 * pTail,
                tailMin, max, max);
    }

    /** Percentiles of the model itself, from a large sample (simulated seconds). */
    String percentiles(long seed) {
        Random r = new Random(seed);
        int n = 2_000_000;
        double[] s = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            s[i] = sample(r);
            sum += s[i];
        }
        Arrays.sort(s);
        return summary(s, sum / n);
    }

    static String summary(double[] sorted, double mean) {
        int n = sorted.length;
        if (n == 0) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        for (double p : new double[] {50, 75, 90, 95, 99, 99.5, 99.9}) {
            b.append(String.format(Locale.ROOT, "p%s %.2f s, ", trim(p), sorted[(int) Math.min(n - 1, Math.floor(p / 100 * n))]));
        }
        b.append(String.format(Locale.ROOT, "max %.1f s, mean %.2f s; later than 5 s: %.1f %%, 60 s: %.2f %%, 300 s: %.2f %%",
                sorted[n - 1], mean, 100.0 * above(sorted, 5) / n, 100.0 * above(sorted, 60) / n,
                100.0 * above(sorted, 300) / n));
        return b.toString();
    }

    private static long above(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        int idx = i >= 0 ? i : -i - 1;
        while (idx < sorted.length && sorted[idx] <= x) {
            idx++;
        }
        return sorted.length - idx;
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
