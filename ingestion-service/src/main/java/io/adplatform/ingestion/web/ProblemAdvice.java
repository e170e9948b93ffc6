package io.adplatform.ingestion.web;

import io.adplatform.common.web.JsonPaths;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * One error format for the whole service: RFC 9457 problem+json, with an {@code errors} array naming the fields at
 * fault and a {@code reason} a client or dashboard can switch on.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final MeterRegistry meters;

    ProblemAdvice(MeterRegistry meters) {
        this.meters = meters;
    }

    @ExceptionHandler(RequestRejected.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejected e) {
        countRefusal(e.reason());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("reason", e.reason());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        e.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString());
        }
        return response.body(problem);
    }

    /** Malformed or mistyped JSON bound by Spring (internal API): name the field when Jackson knows it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        String detail = "the request body is not valid JSON";
        if (ex.getCause() instanceof DatabindException db && !db.getPath().isEmpty()) {
            String field = JsonPaths.of(db.getPath());
            errors.add(FieldProblem.of(field, "wrong type or format"));
            detail = "field '" + field + "' has the wrong type or format";
        } else if (ex.getCause() == null || !(ex.getCause() instanceof JacksonException)) {
            detail = "the request body is missing or unreadable";
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed_json", detail, errors);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(fe -> FieldProblem.of(fe.getField(), fe.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid_field", "the request has invalid fields", errors);
    }

    /** Spring's own 4xx (405, 415, 406, ...) keep their problem body; we only count them. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (statusCode.is4xxClientError()) {
            countRefusal("http_" + statusCode.value());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String reason, String detail, List<FieldProblem> errors) {
        countRefusal(reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("reason", reason);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private void countRefusal(String reason) {
        Counter.builder("ingestion.requests.refused")
                .description("Requests refused as a whole (problem+json answers), by reason")
                .tag("reason", reason)
                .register(meters)
                .increment();
    }
}
