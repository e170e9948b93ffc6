package io.adplatform.ingestion.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.adplatform.ingestion.web.FieldProblem;
import java.util.List;

/**
 * The answer for one event of a request.
 *
 * @param eventId as sent (null when the event had none readable)
 * @param status  accepted, duplicate (already written: success for the SDK), refused (fix the event, do not resend
 *                it as is) or retry (not written this time: resend it later, same id)
 * @param errors  why it was refused or must be retried
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EventResult(String eventId, Status status, List<FieldProblem> errors) {

    public enum Status {
        ACCEPTED, DUPLICATE, REFUSED, RETRY;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static EventResult accepted(String eventId) {
        return new EventResult(eventId, Status.ACCEPTED, List.of());
    }

    static EventResult duplicate(String eventId) {
        return new EventResult(eventId, Status.DUPLICATE, List.of());
    }
}
