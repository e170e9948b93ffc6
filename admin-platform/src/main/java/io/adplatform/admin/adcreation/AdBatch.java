package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import java.time.Instant;

/** A stored batch. {@code status}: RUNNING, DONE (every object created) or PARTIAL (some failed: retryable). */
public record AdBatch(long id, String appId, Media media, String status, int adCount, Long createdBy,
                      Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
