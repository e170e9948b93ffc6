package io.adplatform.dplink.counting;

/**
 * The link an ad serves now, as the counters see it: the rotation's generation and the count the round started at.
 * Kept in Redis (one hash field per serving link) by the replacement worker after each committed step.
 */
public record ServingEntry(long linkId, String adId, long generation, long wentLiveCount) {

    String encode() {
        return adId + '|' + generation + '|' + wentLiveCount;
    }

    static ServingEntry decode(long linkId, String value) {
        int a = value.indexOf('|');
        int b = value.indexOf('|', a + 1);
        return new ServingEntry(linkId, value.substring(0, a), Long.parseLong(value.substring(a + 1, b)),
                Long.parseLong(value.substring(b + 1)));
    }
}
