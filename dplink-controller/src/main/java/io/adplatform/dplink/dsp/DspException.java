package io.adplatform.dplink.dsp;

/**
 * A DSP call that did not succeed. {@code retryable} says whether the same call may succeed later (5xx, 408, 429,
 * throttling codes, transport errors) or will keep failing until someone changes something (bad token, unknown ad).
 */
public class DspException extends RuntimeException {

    private final boolean retryable;
    private final Integer httpStatus;

    public DspException(String message, boolean retryable, Integer httpStatus, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.httpStatus = httpStatus;
    }

    public DspException(String message, boolean retryable, Integer httpStatus) {
        this(message, retryable, httpStatus, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
