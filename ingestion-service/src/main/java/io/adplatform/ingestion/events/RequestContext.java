package io.adplatform.ingestion.events;

import io.adplatform.common.event.Platform;
import java.time.Instant;

/** What one request contributes to each of its events: the app, enrichment, and the time it was received. */
public record RequestContext(String appId, Platform appPlatform, String clientIp, String country, String headerUserAgent,
                             Instant receivedAt) {
}
