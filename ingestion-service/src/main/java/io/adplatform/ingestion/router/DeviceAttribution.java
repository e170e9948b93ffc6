package io.adplatform.ingestion.router;

import io.adplatform.common.event.AttributionInfo;
import java.time.Instant;

/** What the router remembers of a device from its activation, for the device's later events. */
public record DeviceAttribution(AttributionInfo attribution, Instant firstSeenAt) {
}
