package io.adplatform.common.activation;

import java.time.Instant;

/**
 * The pool's answer for one device.
 *
 * @param newDevice   true when this check's event put the device into the pool (also on a replay of that same event)
 * @param firstSeenAt when the device was first seen (second precision)
 * @param deviceKey   the identifier that names the device, e.g. {@code gaid:38400000-...}
 */
public record ActivationCheckResult(boolean newDevice, Instant firstSeenAt, String deviceKey) {
}
