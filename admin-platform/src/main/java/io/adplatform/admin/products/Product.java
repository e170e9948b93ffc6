package io.adplatform.admin.products;

import java.time.Instant;

/**
 * A product (app) as operators see it: catalog metadata plus where it sits in the hierarchy.
 *
 * @param groupId null while no team has taken it into a project group
 */
public record Product(String appId, String name, String platform, String bundleId, String storeUrl, String iconUrl,
                      String category, String catalogStatus, Long teamId, Long groupId, Instant syncedAt,
                      Instant addedAt) {
}
