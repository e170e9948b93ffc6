package io.adplatform.dplink.pool;

/**
 * Where a deep link is in its ad's pool (seed 004): never served, serving now, resting in the wait queue, used up — or
 * retired by an operator (a wrong or expired link): out of rotation for good, whatever its count.
 */
public enum LinkState {
    NOT_STARTED,
    SERVING,
    WAITING,
    DONE,
    RETIRED
}
