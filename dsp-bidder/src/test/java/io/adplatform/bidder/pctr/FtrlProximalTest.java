package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Learns a known logistic model over hashed features from synthetic impressions (fixed seed). */
class FtrlProximalTest {

    static final int BITS = 16;
    static final FtrlProximal.Params DEFAULTS = new FtrlProximal.Params(0.05, 1.0, 1.0, 1.0);

    /** A world whose click probability is logistic in the hashed features of its contexts. */
    record World(double[] trueWeights, double bias, SplittableRandom random) {

        static World create(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] w = new double[1 << BITS];
            for (int i = 0; i < w.length; i++) {
                w[i] = gaussian(random) * 0.6;
            }
            return new World(w, -3.5, random);
        }

        int[] features() {
            int campaign = random.nextInt(20);
            FeatureContext ctx = new FeatureContext("c" + campaign, "cr" + campaign + "-" + random.nextInt(2),
                    "site" + random.nextInt(200), "tag" + random.nextInt(50), "C" + random.nextInt(8),
                    random.nextBoolean() ? "ios" : "android", 1 + random.nextInt(3), 1 + random.nextInt(4),
                    random.nextInt(24), random.nextBoolean() ? "VIDEO" : "BANNER_320x50");
            return CtrFeatures.hash(BITS, ctx);
        }

        double truth(int[] features) {
            double logit = bias;
            for (int f : features) {
                logit += trueWeights[f];
            }
            return 1 / (1 + Math.exp(-logit));
        }

        boolean click(int[] features) {
            return random.nextDouble() < truth(features);
        }
    }

    @Test
    void learnsTheClickModelBetterThanTheAverageRate() {
        World world = World.create(42);
        FtrlProximal ftrl = new FtrlProximal(BITS, DEFAULTS);
        long clicks = 0;
        int trainSize = 300_000;
        for (int i = 0; i < trainSize; i++) {
            int[] f = world.features();
            boolean clicked = world.click(f);
            clicks += clicked ? 1 : 0;
            ftrl.update(f, clicked);
        }
        double rate = (double) clicks / trainSize;

        double modelLoss = 0;
        double baselineLoss = 0;
        List<double[]> pairs = new ArrayList<>();
        int testSize = 50_000;
        for (int i = 0; i < testSize; i++) {
            int[] f = world.features();
            boolean clicked = world.click(f);
            double p = ftrl.predict(f);
            assertThat(p).isStrictlyBetween(0.0, 1.0);
            modelLoss += logLoss(p, clicked);
            baselineLoss += logLoss(rate, clicked);
            pairs.add(new double[] {p, world.truth(f)});
        }
        modelLoss /= testSize;
        baselineLoss /= testSize;

        assertThat(rate).isBetween(0.02, 0.2);
        assertThat(modelLoss).as("model %s vs constant rate %s", modelLoss, baselineLoss)
                .isLessThan(baselineLoss * 0.9);
        assertThat(correlation(pairs)).isGreaterThan(0.8);
    }

    @Test
    void l1KeepsMostWeightsAtZero() {
        World world = World.create(7);
        FtrlProximal sparse = new FtrlProximal(BITS, DEFAULTS);
        FtrlProximal dense = new FtrlProximal(BITS, new FtrlProximal.Params(0.05, 1.0, 0.0, 1.0));
        for (int i = 0; i < 100_000; i++) {
            int[] f = world.features();
            boolean clicked = world.click(f);
            sparse.update(f, clicked);
            dense.update(f, clicked);
        }
        int sparseWeights = sparse.snapshot(1, Map.of()).nonZeroWeights();
        int denseWeights = dense.snapshot(1, Map.of()).nonZeroWeights();
        assertThat(denseWeights).as("every feature seen gets a weight without L1").isGreaterThan(1000);
        // rare features (most site crosses here) never leave the L1 band
        assertThat(sparseWeights).as("%s with L1, %s without", sparseWeights, denseWeights)
                .isLessThan(denseWeights * 3 / 4);
    }

    @Test
    void predictionsStayInsideTheOpenInterval() {
        FtrlProximal ftrl = new FtrlProximal(8, new FtrlProximal.Params(1.0, 1.0, 0.0, 0.0));
        int[] always = {1, 2, 3};
        int[] never = {4, 5, 6};
        for (int i = 0; i < 100_000; i++) {
            ftrl.update(always, true);
            ftrl.update(never, false);
        }
        assertThat(ftrl.predict(always)).isStrictlyBetween(0.99, 1.0);
        assertThat(ftrl.predict(never)).isStrictlyBetween(0.0, 0.01);
        assertThat(ftrl.predict(new int[0])).as("bias alone").isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void firstUpdateFollowsAlgorithmOne() {
        double alpha = 0.1;
        double beta = 1.0;
        FtrlProximal ftrl = new FtrlProximal(4, new FtrlProximal.Params(alpha, beta, 0.0, 0.0));
        int[] f = {3};
        assertThat(ftrl.update(f, true)).isEqualTo(0.5);
        // g = p − y = −0.5 on feature 3 and the bias; σ = (√0.25 − 0) / α; w was 0 so z = g; n = 0.25
        // w = −z / ((β + √n) / α) = 0.5 / ((1 + 0.5) / 0.1) = 1/30 for both
        double w = 0.5 / ((beta + 0.5) / alpha);
        assertThat(ftrl.predict(f)).isCloseTo(1 / (1 + Math.exp(-2 * w)), within(1e-12));
        assertThat(ftrl.snapshot(1, Map.of()).weight(3)).isCloseTo((float) w, within(1e-7f));
        assertThat(ftrl.snapshot(1, Map.of()).weight(16)).as("bias").isCloseTo((float) w, within(1e-7f));
    }

    @Test
    void resumesFromAPublishedModel() {
        World world = World.create(3);
        FtrlProximal ftrl = new FtrlProximal(BITS, DEFAULTS);
        for (int i = 0; i < 50_000; i++) {
            int[] f = world.features();
            ftrl.update(f, world.click(f));
        }
        CtrModel published = ftrl.snapshot(5, Map.of("c1", 10L));
        CtrModel resumed = FtrlProximal.resume(published, DEFAULTS, 100).snapshot(6, Map.of());
        for (int i = 0; i <= 1 << BITS; i++) {
            assertThat(resumed.weight(i)).isCloseTo(published.weight(i), within(1e-5f));
        }
    }

    static double logLoss(double p, boolean clicked) {
        return -Math.log(clicked ? p : 1 - p);
    }

    static double correlation(List<double[]> pairs) {
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= pairs.size();
        my /= pairs.size();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
