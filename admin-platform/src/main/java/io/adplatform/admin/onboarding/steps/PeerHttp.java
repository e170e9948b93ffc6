package io.adplatform.admin.onboarding.steps;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP to a peer: our services with {@code X-Service-Token}, the middle end with a bearer token. Answers are
 * returned whatever their status; a transport failure is an {@link IOException} (the step's attempt fails).
 */
public final class PeerHttp {

    /** An answer: status and JSON body (a missing node when the body is empty or not JSON). */
    public record Answer(int status, JsonNode body, String text) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A one-line description for a step's error. */
        public String describe() {
            String t = text == null ? "" : text.replaceAll("\\s+", " ");
            return "HTTP " + status + (t.isEmpty() ? "" : ": " + (t.length() > 300 ? t.substring(0, 300) + "…" : t));
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final String headerName;
    private final String headerValue;

    public PeerHttp(ObjectMapper json, Duration timeout, String headerName, String headerValue) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.json = json;
        this.timeout = timeout;
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static URI join(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    public Answer get(URI uri) throws IOException, InterruptedException {
        return send("GET", uri, null);
    }

    public Answer send(String method, URI uri, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header(headerName, headerValue)
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode node;
        try {
            node = r.body() == null || r.body().isBlank() ? json.missingNode() : json.readTree(r.body());
        } catch (RuntimeException e) {
            node = json.missingNode();
        }
        return new Answer(r.statusCode(), node, r.body());
    }
}
