package io.adplatform.ingestion.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.event.Platform;
import io.adplatform.ingestion.web.RequestRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final long TS = NOW.getEpochSecond();
    static final byte[] BODY = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final AppRegistry registry = new AppRegistry(clock);
    final SignatureVerifier verifier = new SignatureVerifier(registry, clock, Duration.ofMinutes(5));

    AppCredential app(String id, String secret, boolean enabled, String previous, Instant previousUntil) {
        return new AppCredential(id, Platform.ANDROID, secret, previous, previousUntil, enabled, NOW, NOW);
    }

    @Test
    void acceptsAValidSignatureWithinTheWindow() {
        registry.replaceAll(List.of(app("com.example.game", "secret-1", true, null, null)));

        for (long skew : new long[] {-300, 0, 300}) {
            String sig = RequestSigner.signatureHeader("secret-1", TS + skew, BODY);
            assertThat(verifier.verify("com.example.game", Long.toString(TS + skew), sig, BODY).appId())
                    .isEqualTo("com.example.game");
        }
    }

    @Test
    void refusesUnknownDisabledStaleAndForged() {
        registry.replaceAll(List.of(app("com.example.game", "secret-1", true, null, null),
                app("com.example.off", "secret-2", false, null, null)));
        String good = RequestSigner.signatureHeader("secret-1", TS, BODY);

        assertRejected(() -> verifier.verify(null, Long.toString(TS), good, BODY), 401, "missing_app_id");
        assertRejected(() -> verifier.verify("com.example.unknown", Long.toString(TS), good, BODY), 401, "unknown_app");
        assertRejected(() -> verifier.verify("com.example.off", Long.toString(TS),
                RequestSigner.signatureHeader("secret-2", TS, BODY), BODY), 403, "app_disabled");
        assertRejected(() -> verifier.verify("com.example.game", null, good, BODY), 401, "missing_timestamp");
        assertRejected(() -> verifier.verify("com.example.game", "yesterday", good, BODY), 401, "bad_timestamp");
        assertRejected(() -> verifier.verify("com.example.game", Long.toString(TS - 301),
                RequestSigner.signatureHeader("secret-1", TS - 301, BODY), BODY), 401, "stale_timestamp");
        assertRejected(() -> verifier.verify("com.example.game", Long.toString(TS + 301),
                RequestSigner.signatureHeader("secret-1", TS + 301, BODY), BODY), 401, "stale_timestamp");
        assertRejected(() -> verifier.verify("com.example.game", Long.toString(TS), null, BODY), 401, "missing_signature");
        assertRejected(() -> verifier.verify("com.example.game", Long.toString(TS),
                RequestSigner.signatureHeader("wrong", TS, BODY), BODY), 401, "bad_signature");
        // a valid signature of another timestamp: replaying a captured body with a fresh timestamp fails
        assertRejected(() -> verifier.verify("com.example.game", Long.toString(TS + 1), good, BODY), 401, "bad_signature");
    }

    @Test
    void previousSecretWorksOnlyDuringItsGracePeriod() {
        registry.replaceAll(List.of(app("com.example.game", "new", true, "old", NOW.plusSeconds(60)),
                app("com.example.expired", "new", true, "old", NOW.minusSeconds(1))));
        String old = RequestSigner.signatureHeader("old", TS, BODY);

        assertThat(verifier.verify("com.example.game", Long.toString(TS), old, BODY)).isNotNull();
        assertRejected(() -> verifier.verify("com.example.expired", Long.toString(TS), old, BODY), 401, "bad_signature");
    }

    @Test
    void secretsNeverAppearInToString() {
        AppCredential app = app("com.example.game", "very-secret-value-1234", true, "old-secret-value", NOW);
        assertThat(app.toString()).doesNotContain("very-secret-value").doesNotContain("old-secret").contains("…1234");
    }

    private static void assertRejected(Runnable call, int status, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.status()).as(reason).isEqualTo(status);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
