package io.adplatform.bidder.pctr;

import java.util.Map;

/**
 * Online logistic regression by FTRL-Proximal with per-coordinate learning rates (McMahan et al., "Ad Click
 * Prediction: a View from the Trenches", KDD 2013, Algorithm 1): state z and n per hashed feature plus one bias,
 * binary features (x = 1). The L1 term keeps most weights exactly zero, which keeps published models small. Mutable and
 * not thread-safe: one trainer thread owns it. A feature index that occurs twice in one example counts as x = 2 in the
 * prediction and is updated once per occurrence.
 */
public final class FtrlProximal {

    /**
     * Algorithm 1's hyper-parameters.
     *
     * @param alpha learning rate scale
     * @param beta  learning rate smoothing (β = 1 is usually fine)
     * @param l1    L1 strength: a coordinate's weight stays 0 until |z| exceeds it
     * @param l2    L2 strength
     */
    public record Params(double alpha, double beta, double l1, double l2) {

        public Params {
            if (!(alpha > 0) || !(beta >= 0) || !(l1 >= 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("need alpha > 0 and beta, l1, l2 ≥ 0");
            }
        }
    }

    private final Params params;
    private final int bits;
    private final int mask;
    private final int bias;
    private final double[] z;
    private final double[] n;
    private int[] index = new int[CtrFeatures.COUNT + 1];
    private double[] weight = new double[CtrFeatures.COUNT + 1];

    public FtrlProximal(int bits, Params params) {
        if (bits < 1 || bits > 30) {
            throw new IllegalArgumentException("bits must be in 1..30: " + bits);
        }
        this.params = params;
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.bias = 1 << bits;
        this.z = new double[bias + 1];
        this.n = new double[bias + 1];
    }

    /**
     * A trainer that continues from a published model (after a restart the trainer's own state is gone): z is set so
     * every coordinate yields the published weight, and n, which models do not carry, to {@code gradientSum} for
     * coordinates with a weight — the squared gradients of about that many clicks, so the published weights are neither
     * frozen nor washed away by the first few examples.
     */
    public static FtrlProximal resume(CtrModel model, Params params, double gradientSum) {
        if (!(gradientSum >= 0)) {
            throw new IllegalArgumentException("gradient sum must be ≥ 0");
        }
        FtrlProximal ftrl = new FtrlProximal(model.bits(), params);
        float[] w = model.weights();
        double rate = (params.beta() + Math.sqrt(gradientSum)) / params.alpha() + params.l2();
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                ftrl.n[i] = gradientSum;
                // w = -(z - sgn(z)·l1) / rate with sgn(z) = -sgn(w)
                ftrl.z[i] = -w[i] * rate - Math.signum(w[i]) * params.l1();
            }
        }
        return ftrl;
    }

    public int bits() {
        return bits;
    }

    /** P(click) for hashed features under the current weights, in (0, 1). */
    public double predict(int[] features) {
        double logit = weight(bias);
        for (int f : features) {
            logit += weight(f & mask);
        }
        return CtrModel.sigmoid(logit);
    }

    /**
     * Learns from one example.
     *
     * @return the prediction made before learning from it (progressive validation: its logloss is an honest estimate)
     */
    public double update(int[] features, boolean clicked) {
        int count = features.length + 1;
        if (index.length < count) {
            index = new int[count];
            weight = new double[count];
        }
        double logit = 0;
        for (int k = 0; k < count; k++) {
            int i = k < features.length ? features[k] & mask : bias;
            double w = weight(i);
            index[k] = i;
            weight[k] = w;
            logit += w;
        }
        double p = CtrModel.sigmoid(logit);
        double g = clicked ? p - 1 : p;
        double g2 = g * g;
        for (int k = 0; k < count; k++) {
            int i = index[k];
            double sigma = (Math.sqrt(n[i] + g2) - Math.sqrt(n[i])) / params.alpha();
            z[i] += g - sigma * weight[k];
            n[i] += g2;
        }
        return p;
    }

    /** The current weights as an immutable model, with the impressions per campaign it was trained on. */
    public CtrModel snapshot(long version, Map<String, Long> campaignImpressions) {
        float[] w = new float[bias + 1];
        for (int i = 0; i <= bias; i++) {
            w[i] = (float) weight(i);
        }
        return new CtrModel(version, bits, w, campaignImpressions, CtrModel.DEFAULT_PRIOR_WEIGHT);
    }

    /** Algorithm 1's closed form: 0 inside the L1 band, else the proximal step from z and n. */
    private double weight(int i) {
        double zi = z[i];
        if (Math.abs(zi) <= params.l1()) {
            return 0;
        }
        return -(zi - Math.signum(zi) * params.l1()) / ((params.beta() + Math.sqrt(n[i])) / params.alpha() + params.l2());
    }
}
