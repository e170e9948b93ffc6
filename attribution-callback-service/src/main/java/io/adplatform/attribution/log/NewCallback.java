package io.adplatform.attribution.log;

import io.adplatform.common.event.Partner;
import java.time.Instant;

/**
 * A callback the rules asked for, to be written to the ledger if it is not there yet.
 *
 * @param status    {@code PENDING} when it will be sent now, {@code DEAD_LETTERED} when it can never be sent (outside the
 *                  partner's window, or the event lacks what the partner needs — {@code reason} says which)
 * @param eventJson the routed event as received, kept for retries and replays
 */
public record NewCallback(String eventId, Partner partner, String productId, String eventType, String eventName,
                          String partnerEventName, boolean includeRevenue, Instant eventTime, CallbackStatus status,
                          String reason, String eventJson) {

    public String key() {
        return eventId + '/' + partner;
    }
}
