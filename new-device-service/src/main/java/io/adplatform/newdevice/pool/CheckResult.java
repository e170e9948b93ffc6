package io.adplatform.newdevice.pool;

/** How a check was decided; the metric label and the log field. */
public enum CheckResult {
    /** None of the identifiers was in the pool: this event put the device there. */
    NEW,
    /** An identifier was put there by another event: the device was seen before. */
    KNOWN,
    /** The identifiers found were put there by this very event (a replay after an aborted transaction): new again. */
    REPLAYED;

    public boolean newDevice() {
        return this != KNOWN;
    }
}
