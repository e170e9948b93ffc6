package io.adplatform.dplink.counting;

/** One click report reduced to what counting needs: its offset in its partition, its link and its dedup key. */
public record Click(long offset, long linkId, String dedupKey) {
}
