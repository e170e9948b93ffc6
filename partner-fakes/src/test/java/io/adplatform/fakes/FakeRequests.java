package io.adplatform.fakes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Builds requests for the fakes' unit tests. */
final class FakeRequests {

    static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SHA = "a".repeat(64);

    private FakeRequests() {
    }

    static IncomingRequest post(String path, Map<String, String> headers, String body) {
        return post(path, null, headers, body);
    }

    static IncomingRequest post(String path, String query, Map<String, String> headers, String body) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new IncomingRequest("POST", path, query, lower, body.getBytes(StandardCharsets.UTF_8));
    }
}
