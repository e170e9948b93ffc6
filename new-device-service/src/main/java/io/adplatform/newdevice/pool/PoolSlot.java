package io.adplatform.newdevice.pool;

/**
 * Where one identifier lives in the pool: bucket {@code bucket} of app {@code appId}, under a 6-byte field (a digest
 * of the identifier, never the identifier itself).
 */
public record PoolSlot(String appId, int bucket, byte[] field) {
}
