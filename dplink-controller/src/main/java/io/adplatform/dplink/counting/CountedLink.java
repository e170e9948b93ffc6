package io.adplatform.dplink.counting;

/** A serving link whose count a batch changed: its new total and its serving entry. */
public record CountedLink(long linkId, long total, ServingEntry serving) {
}
