package io.adplatform.ingestion.apps;

import io.adplatform.common.event.Platform;
import java.time.Instant;

/**
 * An app allowed to send events, with the secret its requests are signed with. After a rotation the previous secret
 * stays valid until {@code previousSecretExpiresAt}, so app builds already in users' hands keep working meanwhile.
 */
public record AppCredential(String appId, Platform platform, String secret, String previousSecret,
                            Instant previousSecretExpiresAt, boolean enabled, Instant createdAt, Instant updatedAt) {

    /** Secrets that verify a request at {@code now}: the current one, and the previous one inside its grace period. */
    boolean acceptsSignature(long unixSeconds, byte[] body, String signatureHeader, Instant now) {
        if (RequestSigner.verify(secret, unixSeconds, body, signatureHeader)) {
            return true;
        }
        return previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)
                && RequestSigner.verify(previousSecret, unixSeconds, body, signatureHeader);
    }

    /** Last four characters only: enough to tell secrets apart, useless to forge a signature. */
    public String secretHint() {
        return "…" + secret.substring(Math.max(0, secret.length() - 4));
    }

    /** Never print the secrets, even by accident in a log line. */
    @Override
    public String toString() {
        return "AppCredential[appId=" + appId + ", platform=" + platform + ", secret=" + secretHint() + ", enabled="
                + enabled + "]";
    }
}
