package io.adplatform.common.activation;

import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.Platform;
import java.time.Instant;

/**
 * One question to the activation pool: is this device new for this app? Part of the contract of
 * {@code POST /internal/v1/activation-pool/check} between ingestion's router and new-device-service.
 *
 * @param eventId    the activation's event id: asking again with the same id (a replay) gets the same answer
 * @param occurredAt when the activation happened; becomes first-seen time for a new device
 */
public record ActivationCheck(String appId, Platform platform, DeviceIds device, String eventId, Instant occurredAt) {
}
