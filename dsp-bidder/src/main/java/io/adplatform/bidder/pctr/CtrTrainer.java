package io.adplatform.bidder.pctr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's state: joins impressions and clicks into examples, learns from them with FTRL-Proximal, counts the
 * examples per campaign (what the bidders' prior blend trusts) and keeps a moving average of the progressive logloss —
 * each example scored before the model learns from it. Not thread-safe: one trainer thread owns it.
 */
public final class CtrTrainer {

    /** The logloss average covers roughly the last this-many examples. */
    static final int LOGLOSS_WINDOW = 10_000;
    private static final double EPSILON = 1e-12;

    private final FtrlProximal ftrl;
    private final ExampleJoiner joiner;
    private final Map<String, long[]> campaignImpressions = new HashMap<>();
    private long examples;
    private long clicks;
    private double logLoss;

    /** @param campaignImpressions the counts of the model {@code ftrl} resumes from (empty for a fresh one) */
    public CtrTrainer(FtrlProximal ftrl, ExampleJoiner joiner, Map<String, Long> campaignImpressions) {
        this.ftrl = ftrl;
        this.joiner = joiner;
        campaignImpressions.forEach((id, n) -> this.campaignImpressions.put(id, new long[] {n}));
    }

    public ExampleJoiner joiner() {
        return joiner;
    }

    /** Learns from every example the joiner has labelled; returns how many. */
    public int train() {
        List<ExampleJoiner.Example> ready = joiner.drainReady();
        for (ExampleJoiner.Example e : ready) {
            double p = ftrl.update(e.features(), e.clicked());
            double loss = -Math.log(Math.max(EPSILON, e.clicked() ? p : 1 - p));
            examples++;
            logLoss += (loss - logLoss) / Math.min(examples, LOGLOSS_WINDOW);
            if (e.clicked()) {
                clicks++;
            }
            if (e.campaignId() != null) {
                campaignImpressions.computeIfAbsent(e.campaignId(), id -> new long[1])[0]++;
            }
        }
        return ready.size();
    }

    public CtrModel snapshot(long version) {
        Map<String, Long> counts = new HashMap<>(campaignImpressions.size() * 2);
        campaignImpressions.forEach((id, n) -> counts.put(id, n[0]));
        return ftrl.snapshot(version, counts);
    }

    /** Examples learnt from since start. */
    public long examples() {
        return examples;
    }

    public long clicks() {
        return clicks;
    }

    /** Moving average of the progressive logloss (NaN before the first example). */
    public double logLoss() {
        return examples == 0 ? Double.NaN : logLoss;
    }
}
