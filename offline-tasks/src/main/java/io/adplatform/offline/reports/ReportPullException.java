package io.adplatform.offline.reports;

/** A pull failed for a reason other than throttling (refused token, failed report run, transport, 5xx). */
public class ReportPullException extends RuntimeException {

    public ReportPullException(String message) {
        super(message);
    }

    public ReportPullException(String message, Throwable cause) {
        super(message, cause);
    }
}
