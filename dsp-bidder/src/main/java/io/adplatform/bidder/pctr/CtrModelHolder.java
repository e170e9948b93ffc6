package io.adplatform.bidder.pctr;

/**
 * This bidder's current pCTR model: the bid path reads {@link #current()} (one volatile read) per request; the model
 * subscriber replaces it as new versions arrive. Versions only move forward.
 */
public final class CtrModelHolder {

    private volatile CtrModel current;

    public CtrModelHolder(CtrModel initial) {
        this.current = initial;
    }

    public CtrModel current() {
        return current;
    }

    public long version() {
        return current.version();
    }

    /** Installs {@code model} if it is newer than the current one; returns whether it did. */
    public synchronized boolean install(CtrModel model) {
        if (model.version() <= current.version()) {
            return false;
        }
        current = model;
        return true;
    }
}
