package io.adplatform.attribution.log;

import io.adplatform.common.event.Partner;
import java.time.Instant;

/**
 * A ledger row as a claim left it.
 *
 * @param mine      true when this claim holds the row (it may send, or — for a row it inserted dead-lettered — report it)
 * @param eventJson the routed event; only filled in for rows this claim holds
 */
public record LedgerRow(long id, String eventId, Partner partner, String productId, String eventType,
                        String partnerEventName, boolean includeRevenue, Instant eventTime, CallbackStatus status,
                        int attempts, int replays, boolean mine, Instant leaseUntil, String lastError,
                        String eventJson) {

    public String key() {
        return eventId + '/' + partner;
    }
}
