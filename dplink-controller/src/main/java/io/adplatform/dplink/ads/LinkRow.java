package io.adplatform.dplink.ads;

import io.adplatform.dplink.pool.LinkState;
import io.adplatform.dplink.pool.PoolLink;
import java.time.Instant;

/** A stored deep link; {@code cap} is null when the ad's default applies. */
public record LinkRow(long linkId, String adId, String url, Integer cap, LinkState state, Instant stateSince,
                      Long countAtSwapOut, int rounds, Instant createdAt) {

    public int capOr(int defaultCap) {
        return cap != null ? cap : defaultCap;
    }

    public PoolLink toPoolLink(int defaultCap) {
        return new PoolLink(linkId, url, capOr(defaultCap), state, linkId, stateSince, countAtSwapOut, rounds);
    }
}
