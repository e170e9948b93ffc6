package io.adplatform.attribution.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.adplatform.common.event.Partner;
import java.time.Instant;

/**
 * One callback as the log API shows it.
 *
 * @param event the routed event as received (JSON); only in single-entry answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackEntry(long id, String eventId, String productId, Partner partner, String eventType,
                            String eventName, String partnerEventName, CallbackStatus status, int attempts, int replays,
                            Integer lastHttpStatus, Long lastLatencyMs, String lastError, String partnerResponse,
                            Instant eventTime, Instant createdAt, Instant updatedAt, Instant nextAttemptAt,
                            Instant deliveredAt, @JsonRawValue String event) {
}
