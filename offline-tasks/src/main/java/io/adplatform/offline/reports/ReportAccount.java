package io.adplatform.offline.reports;

import java.time.Instant;
import java.time.ZoneId;

/**
 * An ad account whose reports are pulled, with the state of its pulls.
 *
 * @param accessToken    the media token, decrypted; null when read for display (it is never shown)
 * @param large          Meta: always pull with async report runs
 * @param asyncThreshold Meta: ads from which async runs are used; null: the configured threshold
 * @param throttles      consecutive throttled pulls
 * @param nextAttemptAt  backed off until then; null when not backed off
 * @param lastAdCount    distinct ads in the last successful pull
 */
public record ReportAccount(Media media, String accountId, String productId, String accessToken, String currency,
                            ZoneId zone, boolean large, Integer asyncThreshold, boolean enabled, Instant createdAt,
                            Instant updatedAt, int throttles, Instant nextAttemptAt, Instant lastAttemptAt,
                            Instant lastSuccessAt, String lastError, Instant lastErrorAt, Integer lastRows,
                            Integer lastAdCount) {

    /** {@code meta/123}: how the account is named in logs, errors and the job's {@code account} parameter. */
    public String key() {
        return media.key() + "/" + accountId;
    }

    @Override
    public String toString() {
        return "ReportAccount[" + key() + ", product " + productId + ", " + currency + ", " + zone + "]";
    }
}
