package io.adplatform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A refused request, answered as RFC 9457 problem+json; thrown before anything is written. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? "field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail, errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail, List.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
