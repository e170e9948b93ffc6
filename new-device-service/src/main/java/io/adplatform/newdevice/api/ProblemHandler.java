package io.adplatform.newdevice.api;

import io.adplatform.common.web.JsonPaths;
import io.adplatform.newdevice.pool.PoolUnavailableException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/** RFC 9457 problem+json for everything, with {@code errors: [{field, message}]} whenever a field is at fault. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        List<FieldProblem> problems = e.problems();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid field " + problems.get(0).field() + ": " + problems.get(0).message()
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        body.setTitle("Invalid request");
        body.setProperty("errors", problems);
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(DeviceNotFoundException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        body.setTitle("Device not in pool");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
    }

    /** Redis down or slow: nothing is known about the batch, and asking again is safe (replays answer the same). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(PoolUnavailableException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The activation pool store did not answer; retry the whole batch.");
        body.setTitle("Activation pool unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(body);
    }

    /** Malformed JSON or a value of the wrong type: name the field from Jackson's path when there is one. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldProblem problem = describe(ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Unreadable field " + problem.field() + ": " + problem.message());
        body.setTitle("Unreadable request body");
        body.setType(URI.create("about:blank"));
        body.setProperty("errors", List.of(problem));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    static FieldProblem describe(HttpMessageNotReadableException ex) {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                String path = JsonPaths.of(jackson.getPath());
                if (jackson instanceof MismatchedInputException mismatch) {
                    String type = mismatch.getTargetType() == null ? "value"
                            : mismatch.getTargetType().getSimpleName();
                    return new FieldProblem(path.isEmpty() ? "body" : path, "not a valid " + type);
                }
                return new FieldProblem(path.isEmpty() ? "body" : path, "malformed JSON: " + firstLine(jackson));
            }
        }
        return new FieldProblem("body", "missing or unreadable JSON body");
    }

    private static String firstLine(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "cannot parse";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
