package io.adplatform.bidder.api;

import io.adplatform.bidder.openrtb.RequestProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal of the internal API: its status, a detail, and every field at fault. */
public final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final List<RequestProblem> errors;

    public ApiProblem(HttpStatus status, String detail, List<RequestProblem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<RequestProblem> errors() {
        return errors;
    }
}
