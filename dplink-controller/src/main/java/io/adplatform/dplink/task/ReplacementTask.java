package io.adplatform.dplink.task;

import java.time.Instant;

/**
 * A request to move an ad's rotation on, on {@code dplink-replacements} keyed by ad id (one ad's tasks in order, on
 * one worker at a time).
 *
 * @param kind        {@code REPLACE}: the serving round of {@code generation} ended (the task is stale once the ad moved
 *                    past that generation); {@code RECONCILE}: make the DSP match the operator's desired state
 * @param reason      ROUND_END, CAP or OPERATOR
 * @param linkId      the link whose count raised it
 * @param count       that link's count then
 */
public record ReplacementTask(Kind kind, String adId, long generation, String reason, Long linkId, Long count,
                              Instant raisedAt) {

    public static final String TOPIC = "dplink-replacements";

    public enum Kind {
        REPLACE,
        RECONCILE
    }

    public static ReplacementTask reconcile(String adId, long generation, Instant now) {
        return new ReplacementTask(Kind.RECONCILE, adId, generation, "OPERATOR", null, null, now);
    }
}
