package io.adplatform.fakes;

import java.nio.charset.StandardCharsets;

/** What a fake answers: HTTP status, content type and body text. */
public record FakeResponse(int status, String contentType, String body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    public static FakeResponse text(int status, String body) {
        return new FakeResponse(status, TEXT, body);
    }

    public static FakeResponse json(int status, String body) {
        return new FakeResponse(status, JSON, body);
    }

    byte[] bytes() {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
