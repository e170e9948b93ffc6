package io.adplatform.attribution.log;

/** Where one (event, partner) callback stands. DELIVERED and DEAD_LETTERED are final: never sent again (but a dead letter can be replayed). */
public enum CallbackStatus {
    /** Claimed by a worker (or waiting for its replay task): a request is about to be or being sent. */
    PENDING,
    /** The last attempt failed in a retryable way; a task on a retry topic brings it back at {@code next_attempt_at}. */
    RETRY_SCHEDULED,
    DELIVERED,
    DEAD_LETTERED;

    public boolean isFinal() {
        return this == DELIVERED || this == DEAD_LETTERED;
    }
}
