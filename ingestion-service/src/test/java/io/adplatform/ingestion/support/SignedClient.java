package io.adplatform.ingestion.support;

import io.adplatform.ingestion.apps.RequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends requests the way an SDK does: signed body, app id and timestamp headers. */
public final class SignedClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SignedClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> postEvents(String appId, String secret, String body) {
        return postEvents(appId, secret, body.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() / 1000,
                "application/json", null);
    }

    public HttpResponse<String> postEvents(String appId, String secret, byte[] body, long timestamp, String contentType,
                                           String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("User-Agent", "TestSdk/1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (appId != null) {
            request.header(RequestSigner.APP_ID_HEADER, appId);
        }
        request.header(RequestSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (secret != null) {
            request.header(RequestSigner.SIGNATURE_HEADER, RequestSigner.signatureHeader(secret, timestamp, body));
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request.build());
    }

    public HttpResponse<String> internal(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (token != null) {
            request.header("X-Service-Token", token);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
