package io.adplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.web.ServiceTokenFilter;
import io.adplatform.fakes.ReceivedRequest;
import io.adplatform.ingestion.apps.RequestSigner;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A product's onboarding with the real peer services (issue #6): an operator takes a catalog product into a group and
 * starts its onboarding at admin-platform, which wires it into ingestion, attribution-callback, new-device and
 * offline-tasks (each its own JVM) and the middle end (faked, an external system). admin-platform is killed while the
 * middle-end step waits for its retry and started again; the workflow resumes and every effect exists once, checked at
 * each peer through its own API.
 */
class OnboardingSystemTest {

    static final String APPSFLYER_KEY = "st-onboarding-s2s-key-0001";
    static final String PASSWORD = "correct horse battery staple";

    static OnboardingPlatform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = new OnboardingPlatform().start();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    @Test
    void anOperatorOnboardsACatalogProductIntoTheRealPeersAndTheWorkflowSurvivesARestart() throws Exception {
        var fakes = platform.core.fakes;
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String app = "com.systest.onboarding.g" + tag;
        fakes.productCatalog().putProduct(app, "Onboarding Game " + tag, "ANDROID", app, "GAME", "ACTIVE");
        fakes.middleEnd().integrate("user-center", app).integrate("finance-center", app);
        fakes.appsflyer().register(app, APPSFLYER_KEY);

        // The operator: a team with its admin (ops), who signs in and pulls the catalog through offline-tasks.
        String email = "onboarding-" + tag + "@example.com";
        Answer team = call(platform.admin, "POST", "/internal/v1/teams", Map.of("name", "team-" + tag,
                "adminEmail", email, "adminName", "Onboarding Admin", "adminPassword", PASSWORD));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        Browser operator = Browser.signIn(platform.admin.baseUrl(), email, PASSWORD);

        Answer sync = operator.send("POST", "/api/v1/catalog/sync", null);
        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        assertThat(sync.json().get("read").asInt()).isGreaterThanOrEqualTo(1);
        long catalogRun = sync.json().get("upstreamRunId").asLong();
        assertThat(call(platform.offlineTasks, "GET", "/internal/v1/jobs/runs/" + catalogRun, null).json()
                .get("status").asString()).isEqualTo("SUCCEEDED");

        Answer group = operator.send("POST", "/api/v1/groups", Map.of("name", "group-" + tag));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        long groupId = group.json().get("id").asLong();
        Answer added = operator.send("POST", "/api/v1/groups/" + groupId + "/products", Map.of("appId", app));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        Answer granted = operator.send("PUT", "/api/v1/groups/" + groupId + "/members/" + operator.userId,
                Map.of("grants", List.of(Map.of("role", "GROUP_ADMIN", "hasAllApps", true))));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        Answer product = operator.send("GET", "/api/v1/products/" + app, null);
        assertThat(product.status()).as(product.body()).isEqualTo(200);

        // The operator step sdk-routing needs: AppsFlyer settings with their S2S key, entered (still off) at attribution.
        Answer settings = call(platform.core.attribution, "PUT", "/internal/v1/products/" + app + "/partners/appsflyer",
                Map.of("appId", app, "s2sKey", APPSFLYER_KEY, "enabled", false));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        assertThat(settings.json().get("enabled").asBoolean()).isFalse();

        // The middle end is down when its step comes: the step fails and waits for its retry...
        long dataTasksBefore = fakes.middleEnd().dataTasksCreated();
        fakes.middleEnd().failNext(10_000, 503);
        String onboarding = "/api/v1/products/" + app + "/onboarding";
        Answer started = operator.send("POST", onboarding, null);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode waiting = awaitView(operator, onboarding, Duration.ofSeconds(60), v -> {
            JsonNode me = step(v, "middle-end");
            return me.get("attempts").asInt() >= 1 && me.get("status").asString().equals("PENDING");
        });
        assertThat(step(waiting, "sdk-routing").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(waiting, "activation-pool").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(waiting, "middle-end").get("error").asString()).contains("503");
        assertThat(step(waiting, "traffic-tasks").get("status").asString()).isEqualTo("PENDING");

        // ...when admin-platform dies (SIGKILL). The middle end recovers meanwhile; admin-platform comes back.
        platform.admin.kill();
        fakes.middleEnd().clearScript();
        platform.admin.start();

        // The session lives in Redis: the same browser goes on after the restart.
        JsonNode done = awaitView(operator, onboarding, Duration.ofSeconds(120),
                v -> v.get("status").asString().equals("SUCCEEDED"));
        Map<String, JsonNode> steps = new HashMap<>();
        done.get("steps").forEach(s -> steps.put(s.get("name").asString(), s));
        assertThat(steps.keySet()).containsExactlyInAnyOrder("sdk-routing", "activation-pool", "middle-end",
                "traffic-tasks", "dashboards", "dashboard-reports");
        steps.values().forEach(s -> assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("SUCCEEDED"));
        // Steps finished before the kill were not run again after it.
        assertThat(steps.get("sdk-routing").get("attempts").asInt()).isEqualTo(1);
        assertThat(steps.get("activation-pool").get("attempts").asInt()).isEqualTo(1);
        assertThat(steps.get("middle-end").get("attempts").asInt()).isGreaterThanOrEqualTo(2);

        // ingestion-service knows the app, enabled, and accepts its signed SDK events.
        JsonNode ingested = call(platform.core.ingestion, "GET", "/internal/v1/apps/" + app, null).json();
        assertThat(ingested.get("enabled").asBoolean()).isTrue();
        assertThat(ingested.get("platform").asString()).isEqualTo("ANDROID");
        assertThat(steps.get("sdk-routing").get("output").get("ingestion").asString()).isEqualTo("registered");

        // attribution-callback-service: the operator's AppsFlyer settings are switched on...
        JsonNode partners = call(platform.core.attribution, "GET", "/internal/v1/products/" + app + "/partners", null)
                .json();
        assertThat(partners).hasSize(1);
        assertThat(partners.get(0).get("partner").asString()).isEqualTo("APPSFLYER");
        assertThat(partners.get(0).get("enabled").asBoolean()).isTrue();

        // ...so an event of the product goes from ingestion to AppsFlyer (ops hand the SDK a rotated secret).
        String secret = call(platform.core.ingestion, "POST", "/internal/v1/apps/" + app + "/rotate-secret", null)
                .json().get("secret").asString();
        Events device = Events.newDevice();
        String events = Events.batch(device.activation(Events.id(), Events.now(), "googleadwords_int", "onboarding"),
                device.login(Events.id(), Events.now(), "user-" + tag));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> posted = postSignedEvents(app, secret, events);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            EventJson.mapper().readTree(posted.body()).get("results")
                    .forEach(r -> assertThat(r.get("status").asString()).isEqualTo("accepted"));
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                fakes.appsflyer().accepted().stream()
                        .filter(r -> r.path().contains(app)).toList()).isNotEmpty());

        // new-device-service: the app's activation-pool layout is pinned, as the step reported.
        String bucketBits = steps.get("activation-pool").get("output").get("bucketBits").asString();
        assertThat(bucketBits).isNotBlank();
        assertThat(poolLayout(app)).isEqualTo(bucketBits);

        // The middle end: one data task per center, however many attempts the step took.
        assertThat(fakes.middleEnd().dataTasksCreated() - dataTasksBefore).isEqualTo(2);
        JsonNode middleEnd = steps.get("middle-end").get("output");
        for (String center : List.of("user-center", "finance-center")) {
            assertThat(fakes.middleEnd().dataTask(center, app)).isNotNull();
            assertThat(middleEnd.get(center).asString()).isEqualTo("data task " + fakes.middleEnd().dataTask(center, app));
        }
        List<ReceivedRequest> starts = fakes.middleEnd().accepted().stream().filter(r -> r.method().equals("POST")
                && r.path().contains("/apps/" + app + "/data-tasks")).toList();
        assertThat(starts).hasSize(2);

        // offline-tasks: one traffic pull for the product, and one dashboard run per dashboard, done.
        List<JsonNode> pulls = runsOf("media-reports", app);
        assertThat(pulls).hasSize(1);
        assertThat(pulls.get(0).get("id").asString())
                .isEqualTo(steps.get("traffic-tasks").get("output").get("runId").asString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(runsOf("media-reports", app).get(0).get("status").asString()).isEqualTo("SUCCEEDED"));
        List<JsonNode> reports = runsOf("product-dashboards", app);
        assertThat(reports).hasSize(2);

        // The workflow stored each dashboard's report id: the id of that dashboard's run at offline-tasks.
        JsonNode dashboards = done.get("dashboards");
        assertThat(dashboards).hasSize(2);
        List<String> names = new ArrayList<>();
        for (JsonNode d : dashboards) {
            names.add(d.get("name").asString());
            JsonNode run = call(platform.offlineTasks, "GET", "/internal/v1/jobs/runs/" + d.get("reportId").asString(),
                    null).json();
            assertThat(run.get("job").asString()).isEqualTo("product-dashboards");
            assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(run.get("parameters").get("product").asString()).isEqualTo(app);
            assertThat(run.get("parameters").get("dashboard").asString()).isEqualTo(d.get("name").asString());
            assertThat(d.get("report").asString()).isEqualTo(run.get("summary").asString()).contains(app);
        }
        assertThat(names).containsExactlyInAnyOrder("products", "callbacks");
    }

    // --- the peers' APIs

    private static List<JsonNode> runsOf(String job, String app) {
        JsonNode runs = call(platform.offlineTasks, "GET", "/internal/v1/jobs/" + job + "/runs?limit=500", null).json();
        List<JsonNode> mine = new ArrayList<>();
        runs.forEach(r -> {
            if (app.equals(r.path("parameters").path("product").asString(null))) {
                mine.add(r);
            }
        });
        return mine;
    }

    private static String poolLayout(String app) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            return connection.sync().get(platform.core.redisPrefix() + "np:" + app + ":layout");
        } finally {
            client.shutdown();
        }
    }

    private static HttpResponse<String> postSignedEvents(String app, String secret, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.core.ingestion.baseUrl() + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8)")
                .header(RequestSigner.APP_ID_HEADER, app)
                .header(RequestSigner.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSigner.SIGNATURE_HEADER, RequestSigner.signatureHeader(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // --- admin-platform's onboarding view

    private static JsonNode step(JsonNode view, String name) {
        for (JsonNode s : view.get("steps")) {
            if (s.get("name").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + view);
    }

    /** Polls the view until {@code done} holds; a FAILED step or workflow ends the wait at once. */
    private static JsonNode awaitView(Browser operator, String path, Duration timeout, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Answer a = operator.send("GET", path, null);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            last = a.json();
            if (last.get("status").asString().equals("FAILED")) {
                fail("onboarding FAILED: " + last);
            }
            for (JsonNode s : last.get("steps")) {
                if (s.get("status").asString().equals("FAILED")) {
                    fail("step " + s.get("name").asString() + " FAILED: " + last);
                }
            }
            if (done.test(last)) {
                return last;
            }
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("onboarding not there after " + timeout + ": " + last);
    }

    // --- HTTP

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body) {
        JsonNode json() {
            return EventJson.mapper().readTree(body);
        }
    }

    /** Ops' internal API of one of our services ({@code X-Service-Token}). */
    private static Answer call(ServiceProcess service, String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header(ServiceTokenFilter.HEADER, RunningPlatform.SERVICE_TOKEN).timeout(Duration.ofSeconds(30));
        return send(HTTP, body(b, method, body));
    }

    private static HttpRequest.Builder body(HttpRequest.Builder b, String method, Object body) {
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(body)));
    }

    private static Answer send(HttpClient http, HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An operator's browser at admin-platform: session cookie, and the CSRF token sent on every request. */
    static final class Browser {

        private final String base;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).connectTimeout(Duration.ofSeconds(5))
                .build();
        private String csrf;
        long userId;

        private Browser(String base) {
            this.base = base;
        }

        static Browser signIn(String base, String email, String password) {
            Browser b = new Browser(base);
            b.csrf = b.send("GET", "/api/v1/csrf", null).json().get("token").asString();
            Answer a = b.send("POST", "/api/v1/session", Map.of("email", email, "password", password));
            if (a.status() != 200) {
                throw new IllegalStateException("sign-in of " + email + " failed: " + a);
            }
            b.userId = a.json().get("me").get("userId").asLong();
            b.csrf = a.json().get("csrf").get("token").asString();
            return b;
        }

        Answer send(String method, String path, Object json) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (csrf != null) {
                r.header("X-XSRF-TOKEN", csrf);
            }
            return OnboardingSystemTest.send(http, body(r, method, json));
        }
    }
}
