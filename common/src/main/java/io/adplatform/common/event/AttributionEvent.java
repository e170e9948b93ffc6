package io.adplatform.common.event;

import java.time.Instant;

/**
 * An SDK event after routing: whether it came from a device the activation pool had not seen, when the device was first
 * seen, and the attribution the router attached. Published to {@code attribution-events}.
 *
 * @param event       the event as ingested
 * @param newDevice   true only for the activation that first put the device into the pool (a replay of that same
 *                    event answers true again; any other event false)
 * @param firstSeenAt when the device was first seen (null if not an activation and never seen)
 * @param attribution the attribution to report (the event's own, or organic)
 * @param routedAt    when the router published it
 */
public record AttributionEvent(SdkEvent event, boolean newDevice, Instant firstSeenAt, AttributionInfo attribution,
                               Instant routedAt) {

    public String partitionKey() {
        return event.partitionKey();
    }
}
