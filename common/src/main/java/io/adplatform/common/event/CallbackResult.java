package io.adplatform.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The outcome of one delivery attempt of one event to one partner, published to {@code callback-results}.
 *
 * @param outcome     delivered, retry scheduled, dead-lettered (with the reason) or skipped as duplicate
 * @param attempts    attempts so far, including this one
 * @param httpStatus  the partner's HTTP status, when it answered
 * @param latencyMs   duration of this attempt
 * @param detail      the partner's answer or the error, truncated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackResult(String eventId, String appId, Partner partner, String partnerEventName, Outcome outcome,
                             int attempts, Integer httpStatus, Long latencyMs, String detail, Instant at) {

    public enum Outcome {
        DELIVERED,
        RETRY_SCHEDULED,
        DEAD_LETTERED,
        DUPLICATE_SKIPPED
    }
}
