package io.adplatform.ingestion.events;

import java.util.List;

/**
 * Remembers which event ids an app has sent, so a retried event is written once. A claim is first pending (while its
 * request waits for Kafka), then confirmed (for the dedup TTL) or released (so the SDK's retry can write it).
 */
public interface DedupStore {

    enum Claim {
        /** This request owns the id now and must confirm or release it. */
        CLAIMED,
        /** Written before: answer "duplicate", do not write again. */
        SEEN,
        /** Another request holds it and has not finished: the SDK should retry a little later. */
        IN_FLIGHT
    }

    /** One answer per id, in order. {@code token} marks this request's claims. */
    List<Claim> claim(String appId, List<String> eventIds, String token);

    void confirm(String appId, List<String> eventIds, String token);

    void release(String appId, List<String> eventIds, String token);
}
