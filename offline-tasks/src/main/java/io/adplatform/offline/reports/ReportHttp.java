package io.adplatform.offline.reports;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The HTTP calls of the media adapters: one client, a timeout per request, transport errors as pull failures. */
public final class ReportHttp {

    /** An answer: status, body and the first value of each header (names lower-cased). */
    public record Answer(int status, String body, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public ReportHttp(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.timeout = timeout;
    }

    public Answer get(String url, Map<String, String> query, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "?" + encode(query))).timeout(timeout).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    public Answer postForm(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields), StandardCharsets.UTF_8)).build());
    }

    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + '='
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A media's answer cut to what fits in an error message. */
    public static String shorten(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = r.headers().map().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                            e -> e.getValue().get(0), (a, b) -> a));
            return new Answer(r.statusCode(), r.body(), headers);
        } catch (IOException e) {
            throw new ReportPullException("transport error calling " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportPullException("interrupted calling " + request.uri().getPath(), e);
        }
    }
}
