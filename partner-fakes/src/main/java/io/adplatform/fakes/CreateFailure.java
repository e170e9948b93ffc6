package io.adplatform.fakes;

/**
 * How a create injected with {@code failNextCreate} fails, for testing a batch with one failed operation in between.
 * The Marketing fakes answer each kind the way their partner does.
 */
public enum CreateFailure {
    /**
     * Nothing is created; the partner's transient error: Meta code 2 with {@code is_transient:true} (HTTP 500), TikTok
     * code 50000. Retrying is right.
     */
    TRANSIENT,
    /** Nothing is created; the partner's permanent parameter error: Meta code 100 (HTTP 400), TikTok code 40002. */
    INVALID_PARAMETER,
    /**
     * The object is created, then the same transient error is answered: the partner did the work and the answer was
     * lost. A client that re-creates without checking by name first makes a duplicate.
     */
    TRANSIENT_AFTER_CREATING
}
