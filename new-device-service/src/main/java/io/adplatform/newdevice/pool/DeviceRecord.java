package io.adplatform.newdevice.pool;

import java.time.Instant;
import java.util.List;

/**
 * What the pool knows about one device.
 *
 * @param deviceKey   the primary identifier's key
 * @param firstSeenAt the earliest first-seen of the identifiers in the pool
 * @param identifiers each identifier asked about, with its own first-seen or null when it is not in the pool
 */
public record DeviceRecord(String deviceKey, Instant firstSeenAt, List<IdentifierRecord> identifiers) {

    public record IdentifierRecord(String identifier, Instant firstSeenAt) {
    }
}
