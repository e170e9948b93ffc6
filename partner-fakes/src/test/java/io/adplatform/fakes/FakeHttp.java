package io.adplatform.fakes;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** Real HTTP calls against a started {@link PartnerFakes}, for the tests of the stateful fakes. */
final class FakeHttp {

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FakeHttp() {
    }

    /** {@code headers}: name, value, name, value, ... */
    static HttpResponse<String> send(String method, String url, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    static HttpResponse<String> get(String url, String... headers) {
        return send("GET", url, null, null, headers);
    }

    static HttpResponse<String> postJson(String url, String body, String... headers) {
        return send("POST", url, "application/json", body, headers);
    }

    static HttpResponse<String> postForm(String url, String form) {
        return send("POST", url, "application/x-www-form-urlencoded", form);
    }

    static JsonNode json(HttpResponse<String> r) {
        return FakeJson.MAPPER.readTree(r.body());
    }

    /** A form body or query from name, value, name, value, ...; null values are left out. */
    static String form(String... pairs) {
        StringJoiner out = new StringJoiner("&");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.add(enc(pairs[i]) + "=" + enc(pairs[i + 1]));
            }
        }
        return out.toString();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
