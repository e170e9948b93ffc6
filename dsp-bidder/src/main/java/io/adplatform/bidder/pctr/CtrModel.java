package io.adplatform.bidder.pctr;

import java.util.Map;

/**
 * One published version of the pCTR model, immutable and shared by every bid thread: a logistic model over hashed
 * features ({@link CtrFeatures}) as dense weights, {@code 2^bits} of them plus the bias last, and the impressions it was
 * trained on per campaign. How far a campaign's prediction is trusted depends on how much the model has seen of it: the
 * blended {@link #predict(int[], String, double)} moves from the campaign's prior to the model as impressions
 * accumulate, so a new campaign starts at its prior. Feature indices are folded into the model's size, so a stale
 * feature vector can be wrong but never out of bounds.
 */
public final class CtrModel {

    public static final int DEFAULT_BITS = 20;
    public static final double DEFAULT_PRIOR_WEIGHT = 1000;
    /** Keeps predictions strictly inside (0, 1): logloss and CPC pricing stay finite. */
    private static final double MAX_LOGIT = 30;

    private final long version;
    private final int bits;
    private final int mask;
    private final float[] weights;
    private final Map<String, Long> campaignImpressions;
    private final double priorWeight;

    /** Takes {@code weights} as is (no copy): callers hand over a fresh array and never touch it again. */
    CtrModel(long version, int bits, float[] weights, Map<String, Long> campaignImpressions, double priorWeight) {
        if (bits < 1 || bits > 30 || weights.length != (1 << bits) + 1) {
            throw new IllegalArgumentException("need 2^bits + 1 weights, bits in 1..30");
        }
        if (!(priorWeight >= 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("prior weight must be ≥ 0: " + priorWeight);
        }
        this.version = version;
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.weights = weights;
        this.campaignImpressions = Map.copyOf(campaignImpressions);
        this.priorWeight = priorWeight;
    }

    /** Version 0 of the default size: knows nothing, so the blended prediction is every campaign's prior. */
    public static CtrModel empty() {
        return empty(DEFAULT_BITS);
    }

    /** Version 0 with {@code bits}, the size the bidders hash with until the first model arrives. */
    public static CtrModel empty(int bits) {
        return new CtrModel(0, bits, new float[(1 << bits) + 1], Map.of(), DEFAULT_PRIOR_WEIGHT);
    }

    /** The same model trusting campaign priors with {@code priorWeight} pseudo-impressions (the bidder's setting). */
    public CtrModel withPriorWeight(double priorWeight) {
        return priorWeight == this.priorWeight ? this
                : new CtrModel(version, bits, weights, campaignImpressions, priorWeight);
    }

    /** The model's click probability for hashed features (bias included), in (0, 1). */
    public double predict(int[] features) {
        double logit = weights[mask + 1];
        for (int f : features) {
            logit += weights[f & mask];
        }
        return sigmoid(logit);
    }

    /**
     * The model blended with the campaign's prior: {@code (n·model + m·prior) / (n + m)}, n the campaign's training
     * impressions, m the prior weight. A campaign the model never saw gets {@code prior}.
     */
    public double predict(int[] features, String campaignId, double prior) {
        Long seen = campaignImpressions.get(campaignId);
        long n = seen == null ? 0 : seen;
        if (n == 0) {
            return prior;
        }
        return (n * predict(features) + priorWeight * prior) / (n + priorWeight);
    }

    public long version() {
        return version;
    }

    public int bits() {
        return bits;
    }

    public double priorWeight() {
        return priorWeight;
    }

    /** Impressions of {@code campaignId} the model was trained on. */
    public long impressions(String campaignId) {
        Long seen = campaignImpressions.get(campaignId);
        return seen == null ? 0 : seen;
    }

    public Map<String, Long> campaignImpressions() {
        return campaignImpressions;
    }

    /** Weight of feature index {@code i}; {@code i = 2^bits} is the bias. */
    public float weight(int i) {
        return weights[i];
    }

    public int nonZeroWeights() {
        int count = 0;
        for (float w : weights) {
            if (w != 0) {
                count++;
            }
        }
        return count;
    }

    /** The live array, for the codec and for resuming training; never modified. */
    float[] weights() {
        return weights;
    }

    static double sigmoid(double logit) {
        double x = Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, logit));
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    public String toString() {
        return "CtrModel[version=" + version + ", bits=" + bits + ", campaigns=" + campaignImpressions.size() + "]";
    }
}
