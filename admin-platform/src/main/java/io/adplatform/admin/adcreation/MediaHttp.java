package io.adplatform.admin.adcreation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The HTTP calls of the media clients: one client, a timeout per request; transport failures as {@link Failure}. */
final class MediaHttp {

    /** An answer: status, body, the first value of each header (names lower-cased). */
    record Answer(int status, String body, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** No answer at all (connection, timeout): the outcome of the call is unknown. */
    static final class Failure extends RuntimeException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    MediaHttp(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.timeout = timeout;
    }

    Answer get(String url, Map<String, String> query, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + (query.isEmpty() ? "" : "?" + form(query))))
                .timeout(timeout).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    Answer postForm(String url, String encodedForm) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodedForm, StandardCharsets.UTF_8)).build());
    }

    Answer postJson(String url, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b.build());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + '=' + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) : s;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = r.headers().map().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0),
                            (a, b) -> a));
            return new Answer(r.statusCode(), r.body(), headers);
        } catch (IOException e) {
            throw new Failure("no answer from " + request.uri().getHost() + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted calling " + request.uri().getPath(), e);
        }
    }
}
