package io.adplatform.offline.catalog;

import java.time.Instant;

/**
 * A product as stored, for the API.
 *
 * @param status         ours: {@code ARCHIVED} when upstream says so or the product is missing upstream
 * @param upstreamStatus what the catalog last said
 * @param missingSince   when a sync first found it absent from the catalog (null while present)
 * @param version        1 when first synced, +1 on every change
 * @param syncedAt       when the row last changed
 */
public record StoredProduct(String appId, String name, String platform, String bundleId, String storeUrl,
                            String iconUrl, String category, String status, String upstreamStatus,
                            Instant upstreamUpdatedAt, Instant missingSince, int version, Instant createdAt,
                            Instant syncedAt) {
}
