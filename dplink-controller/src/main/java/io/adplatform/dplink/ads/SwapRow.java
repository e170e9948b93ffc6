package io.adplatform.dplink.ads;

import io.adplatform.dplink.pool.LinkState;
import java.time.Instant;
import java.util.List;

/**
 * One rotation step of an ad: decided (PENDING) before the DSP is called, DONE once the DSP answered and the pool
 * moved on. Unique per (ad, generation): the decision a re-run finds and repeats.
 *
 * @param kind   SWAP, RENEW, EXHAUSTED (replacement), START, PAUSE (operator)
 * @param reason ROUND_END, CAP or OPERATOR
 * @param actor  the worker instance (or API caller) that decided it
 */
public record SwapRow(long swapId, String adId, long generation, String kind, String reason, String status,
                      Long oldLinkId, LinkState oldLinkNext, Long oldLinkCount, Long newLinkId, Long newLinkCount,
                      List<Long> retired, int reserve, String actor, String dspRef, Instant decidedAt,
                      Instant completedAt) {

    public boolean done() {
        return "DONE".equals(status);
    }
}
