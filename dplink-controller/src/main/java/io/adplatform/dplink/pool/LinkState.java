package io.adplatform.dplink.pool;

/** Where a deep link is in its ad's pool (seed 004): never served, serving now, resting in the wait queue, or used up. */
public enum LinkState {
    NOT_STARTED,
    SERVING,
    WAITING,
    DONE
}
