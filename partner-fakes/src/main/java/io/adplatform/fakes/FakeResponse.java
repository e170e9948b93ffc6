package io.adplatform.fakes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fake answers: HTTP status, content type, body text and any further headers (e.g. {@code Retry-After}, Meta's
 * {@code X-Business-Use-Case-Usage}).
 */
public record FakeResponse(int status, String contentType, String body, Map<String, String> headers) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";
    public static final String PROBLEM_JSON = "application/problem+json";

    public FakeResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public FakeResponse(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    public static FakeResponse text(int status, String body) {
        return new FakeResponse(status, TEXT, body);
    }

    public static FakeResponse json(int status, String body) {
        return new FakeResponse(status, JSON, body);
    }

    /** The same answer with one more header (replacing one of the same name). */
    public FakeResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new FakeResponse(status, contentType, body, h);
    }

    byte[] bytes() {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
