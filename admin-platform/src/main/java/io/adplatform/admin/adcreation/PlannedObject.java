package io.adplatform.admin.adcreation;

/**
 * One media object of a batch plan.
 *
 * @param key       stable within the batch; with the batch id it is the object's name marker
 * @param parentKey what must exist first: an ad set's campaign, a creative's ad set, an ad's creative (Meta) or ad set
 *                  (TikTok); null for campaigns
 * @param label     the human part of the name
 */
public record PlannedObject(String key, ObjectKind kind, String parentKey, long accountRef, Long audienceId,
                            Long copyId, Long assetId, String label) {
}
