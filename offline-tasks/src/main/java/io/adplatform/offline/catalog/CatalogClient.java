package io.adplatform.offline.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The upstream product catalog over HTTP: {@code GET {base}/v1/products?page=N&pageSize=M} with a bearer token. A page
 * that answers 5xx (but 501/505), 408, 429 or times out is asked again with exponential backoff and jitter (honouring
 * {@code Retry-After} up to the cap); other answers fail at once.
 */
public class CatalogClient {

    /** One page: its raw items and the next page's number (null on the last page). */
    public record Page(List<JsonNode> items, Integer nextPage, int attempts) {
    }

    /** Sleeps between attempts; tests may pass one that does not. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);

    private final CatalogProperties props;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Sleeper sleeper;

    public CatalogClient(CatalogProperties props, ObjectMapper json) {
        this(props, json, d -> Thread.sleep(d.toMillis()));
    }

    public CatalogClient(CatalogProperties props, ObjectMapper json, Sleeper sleeper) {
        this.props = props;
        this.json = json;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(props.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Page page(int page, int pageSize) throws InterruptedException {
        String base = props.baseUrl().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/v1/products?page=" + page + "&pageSize=" + pageSize);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(props.requestTimeout())
                .header("Authorization", "Bearer " + props.token()).header("Accept", "application/json").GET().build();
        Duration wait = props.backoffInitial();
        for (int attempt = 1; ; attempt++) {
            String failure;
            Duration retryAfter = null;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = r.statusCode();
                if (status == 200) {
                    return read(r.body(), page, attempt);
                }
                failure = "HTTP " + status + ": " + abbreviate(r.body());
                if (!retryable(status)) {
                    throw new CatalogException("catalog page " + page + " refused: " + failure);
                }
                retryAfter = r.headers().firstValue("Retry-After").flatMap(CatalogClient::seconds).orElse(null);
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt >= props.maxAttempts()) {
                throw new CatalogException("catalog page " + page + " failed after " + attempt + " attempts, last: " + failure);
            }
            Duration pause = retryAfter != null ? min(retryAfter, props.backoffMax()) : jitter(wait);
            log.warn("catalog page {} attempt {} failed ({}), trying again in {} ms", page, attempt, failure, pause.toMillis());
            sleeper.sleep(pause);
            wait = min(wait.multipliedBy(2), props.backoffMax());
        }
    }

    private Page read(String body, int page, int attempts) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new CatalogException("catalog page " + page + " is not JSON");
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new CatalogException("catalog page " + page + " has no items array");
        }
        List<JsonNode> out = new ArrayList<>(items.size());
        items.forEach(out::add);
        JsonNode next = root.path("nextPage");
        Integer nextPage = next.isIntegralNumber() && next.asInt() > page ? next.asInt() : null;
        if (!next.isMissingNode() && !next.isNull() && nextPage == null) {
            throw new CatalogException("catalog page " + page + " has an invalid nextPage: " + next);
        }
        return new Page(out, nextPage, attempts);
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private static java.util.Optional<Duration> seconds(String text) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text.strip()))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Between half and all of {@code d}, so instances retrying together spread out. */
    private static Duration jitter(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
