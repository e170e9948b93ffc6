package io.adplatform.dplink.pool;

import java.util.List;

/**
 * What to do with an ad's pool at the end of a serving round, decided once and stored before the DSP is called, so a
 * re-run after a crash carries out the same decision instead of making a new one.
 *
 * @param kind          swap to another link; renew (no other usable link, the serving one still is: it serves another
 *                      round, nothing to tell the DSP); or exhausted (nothing usable: pause the ad)
 * @param oldLinkId     the link that was serving, if any
 * @param oldLinkNext   where it goes: back to the wait queue, or done at its cap
 * @param newLinkId     the link that goes live (the old one again for a renewal)
 * @param newLinkUrl    its deep link, what the DSP is told
 * @param retired       waiting or not-started links found at their cap meanwhile: done now
 * @param reserve       the late-click reserve after this decision
 */
public record SwapPlan(Kind kind, Long oldLinkId, LinkState oldLinkNext, Long newLinkId, String newLinkUrl,
                       List<Long> retired, int reserve) {

    public enum Kind {
        SWAP,
        RENEW,
        EXHAUSTED
    }

    public SwapPlan {
        retired = List.copyOf(retired);
    }

    public boolean callsDsp() {
        return kind != Kind.RENEW;
    }
}
