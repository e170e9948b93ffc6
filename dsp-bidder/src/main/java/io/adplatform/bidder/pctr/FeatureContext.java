package io.adplatform.bidder.pctr;

/**
 * What the pCTR model sees of one (request, candidate ad) pair. Null or empty strings, and non-positive device and
 * connection types (OpenRTB leaves 0 undefined), are all read as "unknown"; so is an hour outside 0–23.
 *
 * @param campaignId     the candidate's campaign
 * @param creativeId     the candidate's ad
 * @param site           app bundle or site domain
 * @param placement      the impression's {@code tagid}
 * @param country        device geo country (ISO 3166-1 alpha-3 in OpenRTB)
 * @param os             device OS
 * @param deviceType     OpenRTB device type (list 5.21)
 * @param connectionType OpenRTB connection type (list 5.22)
 * @param hourOfDay      the user's local hour, 0–23 (−1: unknown)
 * @param format         what is shown, e.g. {@code BANNER_320x50}, {@code VIDEO}, {@code NATIVE}
 */
public record FeatureContext(String campaignId, String creativeId, String site, String placement, String country,
                             String os, int deviceType, int connectionType, int hourOfDay, String format) {
}
