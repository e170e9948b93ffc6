package io.adplatform.attribution.delivery;

import io.adplatform.common.event.Partner;
import java.time.Instant;

/**
 * A record on a retry topic: look at callback {@code callbackId} again at {@code dueAt}. The callback log row holds the
 * event and the state; the task only says when.
 *
 * @param kind    RETRY after a failed attempt, RECHECK when another worker held the row (it may have died), REPLAY for
 *                an operator's replay of a dead letter
 * @param attempt attempts made when the task was written (for the log; the row's count is authoritative)
 */
public record DeliveryTask(long callbackId, String eventId, Partner partner, Instant dueAt, Kind kind, int attempt) {

    public enum Kind {
        RETRY,
        RECHECK,
        REPLAY
    }
}
