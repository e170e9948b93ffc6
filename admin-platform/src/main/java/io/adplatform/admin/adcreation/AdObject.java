package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import java.time.Instant;

/** One stored object of a batch (table {@code ad_objects}). */
public record AdObject(long id, long batchId, String appId, Media media, String key, ObjectKind kind,
                       String parentKey, long accountRef, Long audienceId, Long copyId, Long assetId, String name,
                       ObjectState state, String mediaId, String mediaStatus, int attempts, Instant notBefore,
                       String error, Instant updatedAt) {

    /** Ready to be sent now, as far as its own state goes (its parent is checked by the caller). */
    public boolean due(Instant now) {
        return state == ObjectState.PENDING && (notBefore == null || !notBefore.isAfter(now));
    }
}
