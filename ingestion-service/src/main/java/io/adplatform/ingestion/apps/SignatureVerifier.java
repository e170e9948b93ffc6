package io.adplatform.ingestion.apps;

import io.adplatform.ingestion.web.RequestRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Authenticates an SDK request: the app must be known and enabled, the timestamp within the tolerance (a captured
 * request cannot be replayed later), and the signature must match the body byte for byte.
 */
public final class SignatureVerifier {

    private final AppRegistry registry;
    private final Clock clock;
    private final Duration tolerance;

    public SignatureVerifier(AppRegistry registry, Clock clock, Duration tolerance) {
        this.registry = registry;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** The app the request comes from; otherwise throws the 401/403 to answer. */
    public AppCredential verify(String appId, String timestampHeader, String signatureHeader, byte[] body) {
        if (appId == null || appId.isBlank()) {
            throw RequestRejected.unauthorized("missing_app_id", "the " + RequestSigner.APP_ID_HEADER + " header is required");
        }
        AppCredential app = registry.find(appId.trim()).orElseThrow(
                () -> RequestRejected.unauthorized("unknown_app", "unknown app id"));
        if (!app.enabled()) {
            throw new RequestRejected(403, "app_disabled", "Forbidden", "this app is disabled");
        }
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw RequestRejected.unauthorized("missing_timestamp",
                    "the " + RequestSigner.TIMESTAMP_HEADER + " header (unix seconds) is required");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw RequestRejected.unauthorized("bad_timestamp",
                    RequestSigner.TIMESTAMP_HEADER + " must be unix seconds");
        }
        Instant now = clock.instant();
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw RequestRejected.unauthorized("stale_timestamp", RequestSigner.TIMESTAMP_HEADER
                    + " is more than " + tolerance.toSeconds() + " s away from the server's clock (now "
                    + now.getEpochSecond() + ")");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw RequestRejected.unauthorized("missing_signature",
                    "the " + RequestSigner.SIGNATURE_HEADER + " header (v1=<hex HMAC-SHA256>) is required");
        }
        if (!app.acceptsSignature(timestamp, body, signatureHeader, now)) {
            throw RequestRejected.unauthorized("bad_signature", "the signature does not match the request");
        }
        return app;
    }
}
