package io.adplatform.dplink.dsp;

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

/** The HTTP calls the DSP clients make: one shared client, a timeout per request, transport errors as retryable. */
final class DspHttp {

    record Answer(int status, String body) {
    }

    private final HttpClient client;
    private final Duration timeout;

    DspHttp(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    Answer json(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    Answer form(String url, Map<String, String> fields) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields), StandardCharsets.UTF_8)).build();
        return send(request);
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + '='
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A partner's answer cut to what fits in an error message. */
    static String shorten(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    }

    /** 5xx except 501/505, 408 and 429 may succeed later (partner-apis.md §6). */
    static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new DspException("transport error calling " + request.uri().getPath() + ": " + e, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DspException("interrupted calling " + request.uri().getPath(), true, null, e);
        }
    }
}
