package io.adplatform.dplink.ads;

import io.adplatform.dplink.pool.LinkState;
import io.adplatform.dplink.pool.PoolLink;
import java.time.Instant;

/**
 * A stored deep link; {@code cap} is null when the ad's default applies.
 *
 * @param retiredAt when an operator retired it; its {@code state} turns RETIRED once the worker took it out of rotation
 */
public record LinkRow(long linkId, String adId, String url, Integer cap, LinkState state, Instant stateSince,
                      Long countAtSwapOut, int rounds, Instant createdAt, Instant retiredAt) {

    /** Retired by an operator but not yet moved out of rotation by the worker (it may still be serving). */
    public boolean retiring() {
        return retiredAt != null && state != LinkState.RETIRED;
    }

    public int capOr(int defaultCap) {
        return cap != null ? cap : defaultCap;
    }

    public PoolLink toPoolLink(int defaultCap) {
        // Retired from the moment the operator said so: no decision made after it may choose, renew or resume it.
        return new PoolLink(linkId, url, capOr(defaultCap), retiredAt != null ? LinkState.RETIRED : state, linkId,
                stateSince, countAtSwapOut, rounds);
    }
}
