package io.adplatform.ingestion.web;

import java.util.List;
import java.util.Map;

/**
 * A request refused as a whole, carrying what its problem+json answer says. Thrown by feature code that knows nothing
 * of HTTP frameworks; {@link ProblemAdvice} turns it into the response.
 *
 * @param status HTTP status (4xx for the client's fault, 503 when it may retry)
 * @param reason short machine-readable reason, also the {@code reason} tag of the refusal metrics
 */
public class RequestRejected extends RuntimeException {

    private final int status;
    private final String reason;
    private final String title;
    private final transient List<FieldProblem> errors;
    private final Integer retryAfterSeconds;
    private final transient Map<String, Object> properties;

    public RequestRejected(int status, String reason, String title, String detail, List<FieldProblem> errors,
                           Integer retryAfterSeconds, Map<String, Object> properties) {
        super(detail, null, false, false); // expected outcome, no stack trace needed
        this.status = status;
        this.reason = reason;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
        this.properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public RequestRejected(int status, String reason, String title, String detail, List<FieldProblem> errors,
                           Integer retryAfterSeconds) {
        this(status, reason, title, detail, errors, retryAfterSeconds, Map.of());
    }

    public RequestRejected(int status, String reason, String title, String detail) {
        this(status, reason, title, detail, List.of(), null);
    }

    public static RequestRejected badRequest(String reason, String detail, FieldProblem... errors) {
        return new RequestRejected(400, reason, "Bad Request", detail, List.of(errors), null);
    }

    public static RequestRejected unauthorized(String reason, String detail) {
        return new RequestRejected(401, reason, "Unauthorized", detail);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Extra members of the problem object, e.g. {@code results}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
