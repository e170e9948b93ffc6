package io.adplatform.admin.adaccounts;

import io.adplatform.admin.adcreation.Throttling;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads an ad account at its media with the token given, before the account is stored: Meta
 * {@code GET /{v}/act_{id}?fields=name,currency,account_status}, TikTok
 * {@code GET /open_api/v1.3/advertiser/info/?advertiser_ids=["…"]} with {@code Access-Token}. What the answers mean
 * is decided by {@link #readMeta} and {@link #readTikTok} (no I/O there).
 */
@Component
public class AccountCheck {

    /** What the media said about the account and token. */
    public sealed interface Result permits Found, Refused, Unreachable {
    }

    /** The token manages the account; its name and currency as the media have them. */
    public record Found(String name, String currency) implements Result {
    }

    /** The media refused: a bad or revoked token, or an account the token does not manage. */
    public record Refused(String message) implements Result {
    }

    /** No usable answer (down, throttled, timed out): nothing can be said about the token now. */
    public record Unreachable(String message) implements Result {
    }

    private final ObjectMapper json;
    private final AdsProperties.Meta meta;
    private final AdsProperties.TikTok tiktok;
    private final Duration timeout;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public AccountCheck(ObjectMapper json, AdsProperties props) {
        this.json = json;
        this.meta = props.meta();
        this.tiktok = props.tiktok();
        this.timeout = props.runner().httpTimeout();
    }

    public Result check(Media media, String accountId, String token) {
        try {
            return switch (media) {
                case META -> {
                    String url = meta.baseUrl() + "/" + meta.apiVersion() + "/" + accountId + "?fields="
                            + enc("name,currency,account_status") + "&access_token=" + enc(token);
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET());
                    yield readMeta(r.statusCode(), r.body());
                }
                case TIKTOK -> {
                    String url = tiktok.baseUrl() + "/open_api/v1.3/advertiser/info/?advertiser_ids="
                            + enc("[\"" + accountId + "\"]") + "&fields=" + enc("[\"name\",\"currency\",\"status\"]");
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                            .header("Access-Token", token).GET());
                    yield readTikTok(r.statusCode(), r.body(), accountId);
                }
            };
        } catch (IOException e) {
            return new Unreachable("no answer from " + media + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted while asking " + media);
        }
    }

    /**
     * Graph's answer: 200 with the fields; an error object otherwise. Throttling (codes 4, 17, 32, 613, 80000–80014),
     * {@code is_transient}, codes 1/2 and 5xx say nothing about the token: unreachable. Any other error (190 invalid
     * token, 100/33 no such account for this token, 200/10 permissions) refuses it.
     */
    Result readMeta(int status, String body) {
        JsonNode root = parse(body);
        if (status == 200 && root != null && root.hasNonNull("currency")) {
            return new Found(text(root, "name"), root.get("currency").asString());
        }
        JsonNode error = root == null ? null : root.get("error");
        if (status >= 500 || error == null || !error.isObject()) {
            return new Unreachable("Meta answered HTTP " + status + " without a usable body");
        }
        int code = error.path("code").asInt(0);
        String message = "Meta: (#" + code + ") " + shortened(error.path("message").asString(""));
        if (Throttling.metaThrottled(code) || code == 1 || code == 2 || error.path("is_transient").asBoolean(false)) {
            return new Unreachable(message);
        }
        return new Refused(message);
    }

    /**
     * TikTok's envelope (HTTP 200 with {@code code}): 0 with the advertiser in {@code data.list}; 40100 (rate limit),
     * 5xxxx and HTTP 5xx/429 say nothing about the token; any other code (40001 no permission, 40104/40105 token)
     * refuses it. An advertiser missing from a successful answer is one the token does not manage.
     */
    Result readTikTok(int status, String body, String advertiserId) {
        JsonNode root = parse(body);
        if (status >= 500 || status == 429 || root == null || !root.has("code")) {
            return new Unreachable("TikTok answered HTTP " + status + " without a usable body");
        }
        int code = root.path("code").asInt(-1);
        String message = "TikTok: (" + code + ") " + shortened(root.path("message").asString(""));
        if (code == 0) {
            for (JsonNode a : root.path("data").path("list")) {
                if (advertiserId.equals(a.path("advertiser_id").asString(null))) {
                    return a.hasNonNull("currency") ? new Found(text(a, "name"), a.get("currency").asString())
                            : new Unreachable("TikTok answered advertiser " + advertiserId + " without a currency");
                }
            }
            return new Refused("TikTok: advertiser " + advertiserId + " is not among those of this token");
        }
        if (code == Throttling.TIKTOK_RATE_LIMITED || code >= 50000 || status != 200) {
            return new Unreachable(message);
        }
        return new Refused(message);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString();
    }

    private static String shortened(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
