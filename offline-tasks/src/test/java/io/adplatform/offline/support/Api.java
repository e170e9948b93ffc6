package io.adplatform.offline.support;

import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** The internal API over real HTTP, with the service token. */
public final class Api {

    public static final String TOKEN = "test-service-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port + "/internal/v1";
    }

    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return EventJson.mapper().readTree(body);
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Service-Token", TOKEN).GET());
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Service-Token", TOKEN)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Service-Token", TOKEN)
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Service-Token", TOKEN).DELETE());
    }

    public Answer unauthenticated(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
