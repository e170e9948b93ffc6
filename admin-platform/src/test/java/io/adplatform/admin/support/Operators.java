package io.adplatform.admin.support;

import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Operators of the service over real HTTP: browsers (cookies, CSRF header), scripts (API tokens) and ops (internal
 * API with the service token). Builds the teams, users and groups tests need through the API itself.
 */
public final class Operators {

    public static final String SERVICE_TOKEN = "test-service-token";
    public static final String PASSWORD = "correct horse battery";

    private final String base;

    public Operators(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return EventJson.mapper().readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** One caller: a browser with its cookie jar, or a script with a bearer token. */
    public final class Client {

        private final HttpClient http;
        private final String bearer;
        private String csrf;
        private final long userId;
        private final long teamId;

        private Client(HttpClient http, String bearer, long userId, long teamId) {
            this.http = http;
            this.bearer = bearer;
            this.userId = userId;
            this.teamId = teamId;
        }

        public long userId() {
            return userId;
        }

        public long teamId() {
            return teamId;
        }

        public Answer get(String path) {
            return send("GET", path, null);
        }

        public Answer post(String path, String json) {
            return send("POST", path, json);
        }

        public Answer put(String path, String json) {
            return send("PUT", path, json);
        }

        public Answer patch(String path, String json) {
            return send("PATCH", path, json);
        }

        public Answer delete(String path) {
            return send("DELETE", path, null);
        }

        /** A request without the CSRF header, as a forged cross-site form would send it. */
        public Answer postWithoutCsrf(String path, String json) {
            return Operators.send(http, request("POST", path, json, false));
        }

        public Answer send(String method, String path, String json) {
            return Operators.send(http, request(method, path, json, true));
        }

        /** A request with a raw body and content type (multipart uploads). */
        public Answer sendRaw(String method, String path, String contentType, byte[] body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            authorize(b, true);
            return Operators.send(http, b);
        }

        private HttpRequest.Builder request(String method, String path, String json, boolean withCsrf) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            authorize(b, withCsrf);
            return b;
        }

        private void authorize(HttpRequest.Builder b, boolean withCsrf) {
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            } else if (withCsrf && csrf != null) {
                b.header("X-XSRF-TOKEN", csrf);
            }
        }

        /** Issues a personal API token from this (browser) session and returns a script client using it. */
        public Client script() {
            Answer a = post("/api/v1/me/tokens", "{\"name\":\"test\"}");
            if (a.status() != 201) {
                throw new IllegalStateException("cannot issue a token: " + a);
            }
            return new Client(newHttp(), a.json().get("secret").asString(), userId, teamId);
        }
    }

    /** A browser that has signed in; throws when sign-in fails. */
    public Client signIn(String email, String password) {
        HttpClient http = newHttp();
        Client c = new Client(http, null, 0, 0);
        c.csrf = c.get("/api/v1/csrf").json().get("token").asString();
        Answer a = c.post("/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (a.status() != 200) {
            throw new IllegalStateException("sign-in of " + email + " failed: " + a);
        }
        JsonNode me = a.json().get("me");
        Client signed = new Client(http, null, me.get("userId").asLong(), me.get("teamId").asLong());
        signed.csrf = a.json().get("csrf").get("token").asString();
        return signed;
    }

    /** A browser that has not signed in (has fetched a CSRF token). */
    public Client anonymous() {
        Client c = new Client(newHttp(), null, 0, 0);
        c.csrf = c.get("/api/v1/csrf").json().get("token").asString();
        return c;
    }

    /** A new team (unique name) and its signed-in admin. */
    public Client newTeamAdmin() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "admin-" + tag + "@example.com";
        Answer a = internalPost("/internal/v1/teams", "{\"name\":\"team-" + tag + "\",\"adminEmail\":\"" + email
                + "\",\"adminName\":\"Admin " + tag + "\",\"adminPassword\":\"" + PASSWORD + "\"}");
        if (a.status() != 201) {
            throw new IllegalStateException("cannot create a team: " + a);
        }
        return signIn(email, PASSWORD);
    }

    /** A new (non-admin) user of the admin's team, signed in. */
    public Client newUser(Client teamAdmin) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Answer a = teamAdmin.post("/api/v1/users", "{\"email\":\"" + email + "\",\"displayName\":\"User\",\"password\":\""
                + PASSWORD + "\"}");
        if (a.status() != 201) {
            throw new IllegalStateException("cannot create a user: " + a);
        }
        return signIn(email, PASSWORD);
    }

    /** A new group of the admin's team; its id. */
    public long newGroup(Client teamAdmin) {
        Answer a = teamAdmin.post("/api/v1/groups", "{\"name\":\"group-" + UUID.randomUUID().toString().substring(0, 8)
                + "\"}");
        if (a.status() != 201) {
            throw new IllegalStateException("cannot create a group: " + a);
        }
        return a.json().get("id").asLong();
    }

    /** Gives the user one role in the group: on all its products, or on the listed ones. */
    public void grant(Client admin, long groupId, long userId, String role, String... appIds) {
        String apps = appIds.length == 0 ? "\"hasAllApps\":true"
                : "\"hasAllApps\":false,\"appIds\":[" + String.join(",", java.util.Arrays.stream(appIds)
                        .map(x -> "\"" + x + "\"").toList()) + "]";
        Answer a = admin.put("/api/v1/groups/" + groupId + "/members/" + userId,
                "{\"grants\":[{\"role\":\"" + role + "\"," + apps + "}]}");
        if (a.status() != 200) {
            throw new IllegalStateException("cannot grant " + role + ": " + a);
        }
    }

    public Answer internalPost(String path, String json) {
        return send(newHttp(), HttpRequest.newBuilder(URI.create(base + path)).header("X-Service-Token", SERVICE_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer internalGet(String path) {
        return send(newHttp(), HttpRequest.newBuilder(URI.create(base + path)).header("X-Service-Token", SERVICE_TOKEN)
                .GET());
    }

    private static HttpClient newHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
    }

    private static Answer send(HttpClient http, HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
