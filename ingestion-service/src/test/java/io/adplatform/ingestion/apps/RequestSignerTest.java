package io.adplatform.ingestion.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    /** The worked example of docs/sdk-integration.md, computed independently (Python's hmac module). */
    static final String SECRET = "q1Zl4b9yS0hXc2tQvEo3R8uJmN6wT5aYdF2gHkL7pXs";
    static final long TIMESTAMP = 1795256130L;
    static final byte[] BODY = ("{\"eventId\":\"0190f5c2-7a1b-7c3d-8e4f-5a6b7c8d9e10\",\"type\":\"activation\","
            + "\"device\":{\"idfv\":\"a1b2c3d4-e5f6-4a1b-8c2d-0e1f2a3b4c5d\"},\"occurredAt\":\"2026-11-21T10:15:30Z\"}")
            .getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1=dabb377c11066e0fc56d026ea0d9045963a3c1afbbef65b2bad5a04593b395a3";

    @Test
    void signsTheDocumentedExample() {
        assertThat(BODY).hasSize(163);
        assertThat(RequestSigner.signatureHeader(SECRET, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void verifiesOnlyTheExactBytesTimestampAndSecret() {
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, EXPECTED)).isTrue();
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, EXPECTED.toUpperCase().replace("V1=", "v1="))).isTrue();

        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = '1';
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, tampered, EXPECTED)).isFalse();
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP + 1, BODY, EXPECTED)).isFalse();
        assertThat(RequestSigner.verify(SECRET + "x", TIMESTAMP, BODY, EXPECTED)).isFalse();
    }

    @Test
    void rejectsMalformedHeaders() {
        String hex = EXPECTED.substring(3);
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, hex)).isFalse(); // no version
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, "v2=" + hex)).isFalse();
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, "v1=" + hex.substring(2))).isFalse();
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, "v1=" + "zz" + hex.substring(2))).isFalse();
        assertThat(RequestSigner.verify(SECRET, TIMESTAMP, BODY, null)).isFalse();
    }
}
