package io.adplatform.newdevice.pool;

/** The store could not answer (down, timed out, refused). Nothing is known about the batch; asking again is safe. */
public class PoolUnavailableException extends RuntimeException {

    public PoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
