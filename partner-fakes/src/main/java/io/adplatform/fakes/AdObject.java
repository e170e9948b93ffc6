package io.adplatform.fakes;

import java.time.Instant;

/**
 * A campaign, ad set / ad group, ad or creative on a Marketing fake, as a test reads it ("exactly 120 ads, no duplicate
 * names").
 *
 * @param name     null for a set-up ad or creative created without one
 * @param status   the configured status (Meta ACTIVE/PAUSED/ARCHIVED/DELETED, TikTok ENABLE/DISABLE/DELETE); null for
 *                 Meta creatives
 * @param parentId the campaign of an ad set / ad group, the ad set / ad group of an ad; null for campaigns, creatives
 *                 and set-up ads outside one
 */
public record AdObject(String id, String name, String status, String parentId, Instant createdAt) {
}
