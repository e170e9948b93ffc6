package io.adplatform.newdevice.pool;

import io.adplatform.common.event.DeviceIdentifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SHA-256 based digests for the pool. Bytes 0..5 of an identifier's digest are its field, bytes 8..11 choose its
 * bucket, so field and bucket are independent and two identifiers share a slot only when 48 + bucketBits digest bits
 * agree: a new identifier is mistaken for a stored one with odds (entries in its bucket) / 2^48, under 2·10⁻¹² even in
 * a full 512-entry bucket. Six bytes rather than eight save 2 of the ~20 bytes an entry costs; the pool never holds a
 * raw device id. Event tags take the first 24 bits of the event id's digest
 * (not of the id itself: version-7 ids start with a timestamp). Not thread-safe: one instance per batch.
 */
public final class PoolDigest {

    public static final int FIELD_BYTES = 6;

    private final MessageDigest sha256;

    public PoolDigest() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public PoolSlot slot(String appId, int bucketBits, DeviceIdentifier identifier) {
        byte[] d = sha256.digest(identifier.asKey().getBytes(StandardCharsets.UTF_8));
        int bucketHash = ((d[8] & 0xFF) << 24) | ((d[9] & 0xFF) << 16) | ((d[10] & 0xFF) << 8) | (d[11] & 0xFF);
        int bucket = bucketBits == 0 ? 0 : bucketHash >>> (32 - bucketBits);
        return new PoolSlot(appId, bucket, Arrays.copyOf(d, FIELD_BYTES));
    }

    public int eventTag(String eventId) {
        byte[] d = sha256.digest(eventId.getBytes(StandardCharsets.UTF_8));
        return ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
    }
}
