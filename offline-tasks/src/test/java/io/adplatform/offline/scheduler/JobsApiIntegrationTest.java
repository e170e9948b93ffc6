package io.adplatform.offline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.offline.support.Api;
import io.adplatform.offline.support.IntegrationTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The jobs and products API of the whole service, over HTTP, with the catalog fake behind the sync job. */
@Import(JobsApiIntegrationTest.TestJobs.class)
class JobsApiIntegrationTest extends IntegrationTestBase {

    static final String CATALOG_TOKEN = "api-test-catalog-token";

    @DynamicPropertySource
    static void schedulerAndCatalog(DynamicPropertyRegistry r) {
        r.add("adplatform.scheduler.poll-interval", () -> "200ms");
        r.add("adplatform.catalog.base-url", FAKES::productCatalogBaseUrl);
        r.add("adplatform.catalog.token", () -> CATALOG_TOKEN);
        r.add("adplatform.catalog.backoff-initial", () -> "10ms");
    }

    @TestConfiguration
    static class TestJobs {
        @Bean
        ScheduledJob echoJob() {
            return new ScheduledJob() {
                @Override
                public String name() {
                    return "test-echo";
                }

                @Override
                public String cron() {
                    return "-";
                }

                @Override
                public String run(JobRun run) {
                    if (run.parameters().containsKey("fail")) {
                        throw new IllegalArgumentException("asked to fail: " + run.parameters().get("fail"));
                    }
                    return "echo " + run.parameters();
                }
            };
        }
    }

    JsonNode awaitFinished(long id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String s = api.get("/jobs/runs/" + id).json().path("status").asString();
            return !s.equals("QUEUED") && !s.equals("RUNNING");
        });
        return api.get("/jobs/runs/" + id).json();
    }

    @Test
    void listsTheJobsWithCronAndNextRun() {
        Api.Answer jobs = api.get("/jobs");

        assertThat(jobs.status()).isEqualTo(200);
        JsonNode catalog = jobs.json().valueStream().filter(j -> j.path("name").asString().equals("product-catalog-sync"))
                .findFirst().orElseThrow();
        assertThat(catalog.path("cron").asString()).isEqualTo("0 */15 * * * *");
        assertThat(catalog.path("nextRunAt").asString()).isNotEmpty();
        JsonNode echo = jobs.json().valueStream().filter(j -> j.path("name").asString().equals("test-echo"))
                .findFirst().orElseThrow();
        assertThat(echo.path("nextRunAt").isNull()).as("only when triggered").isTrue();
        assertThat(api.unauthenticated("/jobs").status()).isEqualTo(401);
    }

    @Test
    void aTriggerIsAcceptedRunsAndShowsInTheHistory() {
        Api.Answer accepted = api.post("/jobs/test-echo/runs", "{\"parameters\":{\"days\":\"7\"}}");

        assertThat(accepted.status()).isEqualTo(202);
        long id = accepted.json().path("id").asLong();
        assertThat(accepted.json().path("status").asString()).isEqualTo("QUEUED");
        assertThat(accepted.json().path("trigger").asString()).isEqualTo("MANUAL");
        JsonNode done = awaitFinished(id);
        assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("summary").asString()).isEqualTo("echo {days=7}");
        assertThat(done.path("parameters").path("days").asString()).isEqualTo("7");

        long second = api.post("/jobs/test-echo/runs", null).json().path("id").asLong();
        awaitFinished(second);
        List<Long> ids = api.get("/jobs/test-echo/runs?limit=2").json().valueStream().map(r -> r.path("id").asLong()).toList();
        assertThat(ids).containsExactly(second, id);
        JsonNode listed = api.get("/jobs").json().valueStream()
                .filter(j -> j.path("name").asString().equals("test-echo")).findFirst().orElseThrow();
        assertThat(listed.path("lastRun").path("id").asLong()).isEqualTo(second);
        assertThat(listed.path("lastRun").path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aProductsDashboardRunReportsTheProductsFiguresAsItsSummary() {
        Api.Answer products = api.post("/jobs/product-dashboards/runs",
                "{\"parameters\":{\"product\":\"com.example.onboarded\",\"dashboard\":\"products\",\"days\":\"7\"}}");
        Api.Answer callbacks = api.post("/jobs/product-dashboards/runs",
                "{\"parameters\":{\"product\":\"com.example.onboarded\",\"dashboard\":\"callbacks\"}}");
        Api.Answer bad = api.post("/jobs/product-dashboards/runs",
                "{\"parameters\":{\"product\":\"com.example.onboarded\",\"dashboard\":\"pie\",\"days\":\"0\"}}");

        assertThat(products.status()).isEqualTo(202);
        JsonNode p = awaitFinished(products.json().path("id").asLong());
        assertThat(p.path("status").asString()).as(p.toString()).isEqualTo("SUCCEEDED");
        assertThat(p.path("summary").asString()).startsWith("products dashboard of com.example.onboarded, ")
                .contains("installs ", "new devices 0", "revenue 0.0");
        JsonNode c = awaitFinished(callbacks.json().path("id").asLong());
        assertThat(c.path("status").asString()).as(c.toString()).isEqualTo("SUCCEEDED");
        assertThat(c.path("summary").asString()).contains("0 callback results");
        JsonNode b = awaitFinished(bad.json().path("id").asLong());
        assertThat(b.path("status").asString()).isEqualTo("FAILED");
        assertThat(b.path("error").asString()).contains("dashboard: must be products or callbacks", "days: must be");
    }

    @Test
    void theCloseProductDaysJobIsRegisteredAndRunsOnRequest() {
        JsonNode listed = api.get("/jobs").json().valueStream()
                .filter(j -> j.path("name").asString().equals("close-product-days")).findFirst().orElseThrow();
        assertThat(listed.path("cron").asString()).isEqualTo("0 20 * * * *");

        JsonNode run = awaitFinished(api.post("/jobs/close-product-days/runs", "{\"parameters\":{\"days\":\"7\"}}")
                .json().path("id").asLong());
        JsonNode bad = awaitFinished(api.post("/jobs/close-product-days/runs", "{\"parameters\":{\"days\":\"0\"}}")
                .json().path("id").asLong());

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asString()).startsWith("closed ").contains(", closed again ");
        assertThat(bad.path("status").asString()).isEqualTo("FAILED");
        assertThat(bad.path("error").asString()).contains("days: must be 1..800");
    }

    @Test
    void aFailedRunShowsItsError() {
        long id = api.post("/jobs/test-echo/runs", "{\"parameters\":{\"fail\":\"please\"}}").json().path("id").asLong();

        JsonNode done = awaitFinished(id);

        assertThat(done.path("status").asString()).isEqualTo("FAILED");
        assertThat(done.path("error").asString()).contains("asked to fail: please");
    }

    @Test
    void theLocationHeaderPointsAtTheRun() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/internal/v1/jobs/test-echo/runs"))
                .header("X-Service-Token", Api.TOKEN).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        long id = api.get("/jobs/test-echo/runs?limit=1").json().get(0).path("id").asLong();
        assertThat(response.headers().firstValue("Location")).hasValue("/internal/v1/jobs/runs/" + id);
    }

    @Test
    void unknownJobsAndRunsAre404() {
        Api.Answer trigger = api.post("/jobs/no-such-job/runs", null);

        assertThat(trigger.status()).isEqualTo(404);
        assertThat(trigger.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/jobs/no-such-job/runs").status()).isEqualTo(404);
        assertThat(api.get("/jobs/runs/999999999").status()).isEqualTo(404);
    }

    @Test
    void badBodiesAre400NamingTheField() {
        assertProblem(api.post("/jobs/test-echo/runs", "{\"parameters\":{\"days\":7}}"), "parameters.days");
        assertProblem(api.post("/jobs/test-echo/runs", "{\"params\":{}}"), "params");
        assertProblem(api.post("/jobs/test-echo/runs", "{\"parameters\":[\"7\"]}"), "parameters");
        assertProblem(api.post("/jobs/test-echo/runs", "[1]"), "body");
        assertProblem(api.post("/jobs/test-echo/runs", "{\"parameters\":{\"bad key\":\"x\"}}"), "parameters.bad key");
        assertThat(api.post("/jobs/test-echo/runs", "{not json").status()).isEqualTo(400);
        assertProblem(api.get("/jobs/test-echo/runs?limit=0"), "limit");
        assertProblem(api.get("/jobs/test-echo/runs?limit=many"), "limit");
        assertProblem(api.get("/jobs/runs/abc"), "id");
    }

    @Test
    void theCatalogSyncOnDemandFillsTheProductsApi() {
        FAKES.productCatalog().registerToken(CATALOG_TOKEN).clearProducts()
                .putProduct("id1111111111", "Space Game", "IOS", "com.example.space", "GAME", "ACTIVE")
                .putProduct("com.example.space", "Space Game", "ANDROID", "com.example.space", "GAME", "ACTIVE")
                .putProduct("com.example.old", "Old Game", "ANDROID", "com.example.old", "GAME", "ARCHIVED");
        FAKES.productCatalog().failNext(1, 503);

        long id = api.post("/jobs/product-catalog-sync/runs", null).json().path("id").asLong();
        JsonNode run = awaitFinished(id);

        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("summary").asString()).contains("inserted 3").contains("retried requests 1");
        assertThat(api.get("/products").json().valueStream().map(p -> p.path("appId").asString()))
                .containsExactly("com.example.old", "com.example.space", "id1111111111");
        assertThat(api.get("/products?status=ACTIVE").json().size()).isEqualTo(2);
        JsonNode ios = api.get("/products/id1111111111").json();
        assertThat(ios.path("platform").asString()).isEqualTo("IOS");
        assertThat(ios.path("version").asInt()).isEqualTo(1);
        assertThat(api.get("/products/com.example.nothing").status()).isEqualTo(404);
        assertProblem(api.get("/products?status=DELETED"), "status");
    }

    static void assertProblem(Api.Answer a, String field) {
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().path("errors").valueStream().map(e -> e.path("field").asString())).contains(field);
    }
}
