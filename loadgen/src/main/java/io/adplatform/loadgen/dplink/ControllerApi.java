package io.adplatform.loadgen.dplink;

import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The dplink-controller's internal pool API and actuator, as the simulator and the benchmark use them. */
final class ControllerApi {

    static final String BASE = "/internal/v1/dplink";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    ControllerApi(String url, String token) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
    }

    String url() {
        return url;
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return EventJson.mapper().readTree(body);
        }
    }

    Answer call(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("X-Service-Token", token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(
                    EventJson.mapper().writeValueAsBytes(body)));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Calls and insists on a 2xx answer. */
    JsonNode ok(String method, String path, Object body) {
        Answer a = call(method, path, body);
        if (a.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body() == null || a.body().isBlank() ? null : a.json();
    }

    JsonNode putAd(String adId, Map<String, Object> body) {
        return ok("PUT", BASE + "/ads/" + adId, body);
    }

    List<Long> addLinks(String adId, List<String> urls) {
        List<Map<String, Object>> links = urls.stream().map(u -> Map.<String, Object>of("url", u)).toList();
        JsonNode r = ok("POST", BASE + "/ads/" + adId + "/links", Map.of("links", links));
        return r.path("linkIds").valueStream().map(JsonNode::asLong).toList();
    }

    void resume(String adId) {
        ok("POST", BASE + "/ads/" + adId + "/resume", null);
    }

    JsonNode state(String adId) {
        return ok("GET", BASE + "/ads/" + adId, null);
    }

    JsonNode swaps(String adId) {
        return ok("GET", BASE + "/ads/" + adId + "/swaps?limit=1000", null);
    }

    boolean ready() {
        try {
            return call("GET", "/actuator/health/readiness", null).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void awaitReady(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!ready()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("controller at " + url + " not ready after " + limit);
            }
            sleep(200);
        }
    }

    /** A counter of {@code dplink.clicks} by outcome (counted, duplicate, redelivered, unreadable); 0 if not there. */
    double clicks(String outcome) {
        Answer a = call("GET", "/actuator/metrics/dplink.clicks?tag=outcome:" + outcome, null);
        if (a.status() != 200) {
            return 0;
        }
        for (JsonNode m : a.json().path("measurements")) {
            if ("COUNT".equals(m.path("statistic").asString())) {
                return m.path("value").asDouble();
            }
        }
        return 0;
    }

    /** The sum of the samples of a Prometheus metric whose line contains {@code tag} (e.g. {@code outcome="counted"}). */
    double prometheusSum(String metric, String tag) {
        Answer a = call("GET", "/actuator/prometheus", null);
        double sum = 0;
        for (String line : a.body().split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(tag)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
