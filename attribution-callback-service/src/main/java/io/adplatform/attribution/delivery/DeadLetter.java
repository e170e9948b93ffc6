package io.adplatform.attribution.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.Partner;
import java.time.Instant;

/**
 * A record on {@code attribution-dead-letter} (key: event id): a callback that will not be sent, and why. Also used for
 * input records that could not be read at all ({@code rawRecord} set, no callback).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(Long callbackId, String eventId, String appId, Partner partner, String partnerEventName,
                         String reason, Integer attempts, Integer httpStatus, String partnerAnswer, Instant at,
                         AttributionEvent event, String rawRecord) {
}
