package io.adplatform.dplink.pool;

import java.time.Instant;

/**
 * One deep link of an ad's pool as the planner sees it.
 *
 * @param id              our link id, the one click reports carry
 * @param cap             clicks this link is worth
 * @param seq             upload order: the not-started links go live first-uploaded first
 * @param stateSince      when it entered its state; for a waiting link, how long it has rested
 * @param countAtSwapOut  its click count when it last left serving, to measure the clicks reported late since
 */
public record PoolLink(long id, String url, int cap, LinkState state, long seq, Instant stateSince, Long countAtSwapOut,
                       int rounds) {
}
