package io.adplatform.ingestion.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem's {@code errors} array, or of an event's errors in a batch answer.
 *
 * @param index   position of the event in the request's {@code events} array (batch answers only)
 * @param eventId the event's id, when it had a readable one
 * @param field   the JSON path of the offending field, e.g. {@code revenue.currency}; empty for the event itself
 * @param message what is wrong, never echoing the value (it may be personal data)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(Integer index, String eventId, String field, String message) {

    public static FieldProblem of(String field, String message) {
        return new FieldProblem(null, null, field, message);
    }

    public FieldProblem at(int index, String eventId) {
        return new FieldProblem(index, eventId, field, message);
    }
}
