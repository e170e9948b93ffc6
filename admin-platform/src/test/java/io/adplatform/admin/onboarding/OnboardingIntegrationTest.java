package io.adplatform.admin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Onboarding over HTTP against MariaDB, the middle-end fake and the peer stand-ins ({@link PeerStandIns}). The
 * scheduled worker is off in tests: each test runs its own workers ({@link OnboardingRunner}) on a clock it moves, so a
 * "restarted service" is a new worker with a new owner id reading only what is stored.
 */
class OnboardingIntegrationTest extends IntegrationTestBase {

    static final String MIDDLE_END_TOKEN = "test-middle-end-token";

    @Autowired OnboardingStore store;
    @Autowired WorkflowEngine engine;
    @Autowired OnboardingSteps steps;
    @Autowired Products products;
    @Autowired AuditLog audit;
    @Autowired TransactionTemplate tx;
    @Autowired ObjectMapper json;

    Client admin;
    long group;
    String app;
    TestClock clock;

    @BeforeEach
    void product() {
        FAKES.middleEnd().registerToken(MIDDLE_END_TOKEN);
        admin = operators.newTeamAdmin();
        group = operators.newGroup(admin);
        operators.grant(admin, group, admin.userId(), "GROUP_ADMIN");
        app = "com.onboarding.a" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        products.upsertFromCatalog(app, "Onboarding app", "ANDROID", app, null, null, "GAME", "ACTIVE", Instant.now());
        assertThat(admin.post("/api/v1/groups/" + group + "/products", "{\"appId\":\"" + app + "\"}").status())
                .isEqualTo(200);
        PEERS.putPartnerSettings(app, "APPSFLYER", Map.of("appId", app), false);
        FAKES.middleEnd().integrate("user-center", app);
        clock = new TestClock(Instant.now().plusSeconds(1));
    }

    OnboardingRunner runner(List<OnboardingStep> list) {
        return new OnboardingRunner(store, engine, list, products, audit, tx, json, clock);
    }

    OnboardingRunner runner() {
        return runner(steps.steps());
    }

    String base() {
        return "/api/v1/products/" + app + "/onboarding";
    }

    JsonNode step(JsonNode view, String name) {
        for (JsonNode s : view.get("steps")) {
            if (s.get("name").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + view);
    }

    long requests(String methodAndPath) {
        synchronized (PEERS.requests) {
            return PEERS.requests.stream().filter(methodAndPath::equals).count();
        }
    }

    @Test
    void startsOncePerProductRunsEveryStepInOrderAndShowsTheirOutcome() {
        Answer started = admin.post(base(), null);
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().get("status").asString()).isEqualTo("RUNNING");
        List<String> names = new ArrayList<>();
        started.json().get("steps").forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactly("sdk-routing", "activation-pool", "middle-end", "traffic-tasks", "dashboards",
                "dashboard-reports");
        assertThat(started.json().get("steps").get(0).get("nextAttemptAt").isNull()).isFalse();
        assertThat(started.json().get("steps").get(1).get("nextAttemptAt").isNull()).isTrue();
        Answer again = admin.post(base(), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("createdAt").asString()).isEqualTo(started.json().get("createdAt").asString());

        runner().runDue(100);

        JsonNode done = admin.get(base()).json();
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        done.get("steps").forEach(s -> {
            assertThat(s.get("status").asString()).as(s.get("name").asString()).isEqualTo("SUCCEEDED");
            assertThat(s.get("attempts").asInt()).isEqualTo(1);
        });
        assertThat(PEERS.apps.get(app).enabled()).isTrue();
        assertThat(PEERS.partnerSettings.get(app).get("APPSFLYER").get("enabled").asBoolean()).isTrue();
        assertThat(PEERS.poolApps).containsKey(app);
        assertThat(step(done, "middle-end").get("output").get("user-center").asString())
                .isEqualTo("data task " + FAKES.middleEnd().dataTask("user-center", app));
        assertThat(step(done, "middle-end").get("output").get("finance-center").asString()).isEqualTo("not integrated");
        assertThat(PEERS.runsOf("media-reports")).anyMatch(r -> app.equals(r.get("parameters").path("product").asString()));
        JsonNode dashboards = done.get("dashboards");
        assertThat(dashboards).hasSize(2);
        for (JsonNode d : dashboards) {
            long reportId = d.get("reportId").asLong();
            assertThat(PEERS.runs.get(reportId).get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(PEERS.runs.get(reportId).get("parameters").get("dashboard").asString())
                    .isEqualTo(d.get("name").asString());
        }
        assertThat(admin.get("/api/v1/audit?limit=50").body()).contains("onboarding.started");
    }

    /** Issue #6: kill the service between steps and in the middle of one → it resumes, no step done twice. */
    @Test
    void aKilledWorkerIsResumedFromTheStoredStateWithoutRedoingFinishedSteps() {
        assertThat(admin.post(base(), null).status()).isEqualTo(201);
        List<OnboardingStep> dying = new ArrayList<>();
        for (OnboardingStep s : steps.steps()) {
            dying.add(!s.name().equals("middle-end") ? s : new OnboardingStep() {
                @Override
                public String name() {
                    return s.name();
                }

                @Override
                public Map<String, String> run(StepContext context) throws Exception {
                    s.run(context);
                    // The process dies after the middle end started the task, before anything was recorded.
                    throw new Killed();
                }
            });
        }
        OnboardingRunner first = runner(dying);
        assertThat(first.runOne()).isTrue();
        assertThat(first.runOne()).isTrue();
        // Killed between steps: a new worker (another instance, or this one restarted) carries on from the store.
        OnboardingRunner second = runner(dying);
        assertThatThrownBy(second::runOne).isInstanceOf(Killed.class);

        JsonNode mid = admin.get(base()).json();
        assertThat(step(mid, "sdk-routing").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(mid, "activation-pool").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(mid, "middle-end").get("status").asString()).isEqualTo("RUNNING");
        assertThat(step(mid, "traffic-tasks").get("status").asString()).isEqualTo("PENDING");

        OnboardingRunner restarted = runner();
        restarted.runDue(100);
        // The dead worker's lease still holds the step: nobody runs it yet.
        assertThat(step(admin.get(base()).json(), "middle-end").get("status").asString()).isEqualTo("RUNNING");
        clock.advance(engine.policy().lease().plusSeconds(1));
        restarted.runDue(100);

        JsonNode done = admin.get(base()).json();
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(done, "sdk-routing").get("attempts").asInt()).isEqualTo(1);
        assertThat(step(done, "activation-pool").get("attempts").asInt()).isEqualTo(1);
        assertThat(step(done, "middle-end").get("attempts").asInt()).isEqualTo(2);
        assertThat(step(done, "traffic-tasks").get("attempts").asInt()).isEqualTo(1);
        // Finished steps were not run again; the interrupted one left one effect.
        assertThat(requests("POST /internal/v1/apps/")).isZero();
        assertThat(requests("GET /internal/v1/products/" + app + "/partners")).isEqualTo(1);
        assertThat(requests("PUT /internal/v1/activation-pool/apps/" + app)).isEqualTo(1);
        assertThat(FAKES.middleEnd().received(r -> r.path().contains(app) && r.method().equals("POST")))
                .extracting(r -> r.status()).containsExactly(201, 200);
        assertThat(PEERS.runsOf("media-reports").stream()
                .filter(r -> app.equals(r.get("parameters").path("product").asString()))).hasSize(1);
    }

    /** Issue #6: a step failing twice then succeeding → one effect, with backoff between the attempts. */
    @Test
    void aStepFailingTwiceThenSucceedingLeavesOneEffect() {
        long tasksBefore = FAKES.middleEnd().dataTasksCreated();
        // First attempt: the middle end starts the task but the answer is lost; second: it is down; third: fine.
        FAKES.middleEnd().failNextAfterAccepting(1, 503, r -> r.path().contains(app) && r.method().equals("POST"));
        FAKES.middleEnd().failNext(1, 503, r -> r.path().contains(app) && r.method().equals("POST"));
        assertThat(admin.post(base(), null).status()).isEqualTo(201);
        OnboardingRunner runner = runner();

        runner.runDue(100);
        JsonNode after1 = step(admin.get(base()).json(), "middle-end");
        assertThat(after1.get("status").asString()).isEqualTo("PENDING");
        assertThat(after1.get("attempts").asInt()).isEqualTo(1);
        assertThat(after1.get("error").asString()).contains("503");
        assertThat(Instant.parse(after1.get("nextAttemptAt").asString())).isEqualTo(clock.instant().plusSeconds(10));

        runner.runDue(100);
        assertThat(step(admin.get(base()).json(), "middle-end").get("attempts").asInt()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        runner.runDue(100);
        JsonNode after2 = step(admin.get(base()).json(), "middle-end");
        assertThat(after2.get("status").asString()).isEqualTo("PENDING");
        assertThat(after2.get("attempts").asInt()).isEqualTo(2);
        assertThat(Instant.parse(after2.get("nextAttemptAt").asString())).isEqualTo(clock.instant().plusSeconds(20));

        clock.advance(Duration.ofSeconds(20));
        runner.runDue(100);
        JsonNode done = admin.get(base()).json();
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(done, "middle-end").get("attempts").asInt()).isEqualTo(3);
        assertThat(step(done, "middle-end").get("error").isNull()).isTrue();
        assertThat(FAKES.middleEnd().received(r -> r.path().contains(app) && r.method().equals("POST"))).hasSize(3);
        assertThat(FAKES.middleEnd().dataTasksCreated() - tasksBefore).isEqualTo(1);
        assertThat(step(done, "middle-end").get("output").get("user-center").asString())
                .isEqualTo("data task " + FAKES.middleEnd().dataTask("user-center", app));
    }

    @Test
    void aStepOutOfAttemptsIsFailedWithItsErrorUntilAnOperatorRetriesIt() {
        PEERS.partnerSettings.remove(app);
        assertThat(admin.post(base(), null).status()).isEqualTo(201);
        OnboardingRunner runner = runner();
        runner.runDue(100);
        clock.advance(Duration.ofSeconds(10));
        runner.runDue(100);
        clock.advance(Duration.ofSeconds(20));
        runner.runDue(100);

        JsonNode failed = admin.get(base()).json();
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        JsonNode sdk = step(failed, "sdk-routing");
        assertThat(sdk.get("status").asString()).isEqualTo("FAILED");
        assertThat(sdk.get("attempts").asInt()).isEqualTo(3);
        assertThat(sdk.get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(sdk.get("error").asString()).contains("no AppsFlyer settings");
        assertThat(sdk.get("nextAttemptAt").isNull()).isTrue();
        clock.advance(Duration.ofHours(1));
        runner.runDue(100);
        assertThat(step(admin.get(base()).json(), "sdk-routing").get("attempts").asInt()).isEqualTo(3);

        // Bad input and the wrong state are refused, nothing changes.
        Answer unknown = admin.post(base() + "/steps/no-such-step/retry", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("step");
        Answer notFailed = admin.post(base() + "/steps/activation-pool/retry", null);
        assertThat(notFailed.status()).isEqualTo(409);

        PEERS.putPartnerSettings(app, "APPSFLYER", Map.of("appId", app), false);
        Answer retried = admin.post(base() + "/steps/sdk-routing/retry", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(step(retried.json(), "sdk-routing").get("status").asString()).isEqualTo("PENDING");
        assertThat(step(retried.json(), "sdk-routing").get("attempts").asInt()).isZero();
        assertThat(retried.json().get("status").asString()).isEqualTo("RUNNING");
        runner.runDue(100);
        assertThat(admin.get(base()).json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(admin.get("/api/v1/audit?limit=100").body()).contains("onboarding.step-failed",
                "onboarding.step-retried");
    }

    @Test
    void aWorkerThatLostItsLeaseCannotRecordItsOutcome() throws Exception {
        assertThat(admin.post(base(), null).status()).isEqualTo(201);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<OnboardingStep> slow = new ArrayList<>();
        for (OnboardingStep s : steps.steps()) {
            slow.add(!s.name().equals("sdk-routing") ? s : new OnboardingStep() {
                @Override
                public String name() {
                    return s.name();
                }

                @Override
                public Map<String, String> run(StepContext context) throws Exception {
                    entered.countDown();
                    release.await();
                    throw new IllegalStateException("too late to matter");
                }
            });
        }
        OnboardingRunner stalled = runner(slow);
        Thread t = new Thread(stalled::runOne);
        t.start();
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        clock.advance(engine.policy().lease().plusSeconds(1));
        runner().runDue(100);
        release.countDown();
        t.join(10_000);

        JsonNode done = admin.get(base()).json();
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(done, "sdk-routing").get("attempts").asInt()).isEqualTo(2);
        assertThat(step(done, "sdk-routing").get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void onlyPermittedOperatorsSeeOrChangeTheOnboarding() {
        Client viewer = operators.newUser(admin);
        operators.grant(admin, group, viewer.userId(), "VIEWER");
        Client buyer = operators.newUser(admin);
        operators.grant(admin, group, buyer.userId(), "BUYER");
        Client stranger = operators.newTeamAdmin();

        assertThat(admin.get(base()).status()).isEqualTo(404);
        assertThat(viewer.post(base(), null).status()).isEqualTo(403);
        assertThat(buyer.post(base(), null).status()).isEqualTo(403);
        Answer foreign = stranger.post(base(), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("Onboarding app");
        assertThat(store.workflow(app)).isEmpty();

        assertThat(admin.script().post(base(), null).status()).isEqualTo(201);
        assertThat(viewer.get(base()).status()).isEqualTo(200);
        assertThat(stranger.get(base()).status()).isEqualTo(404);
        assertThat(buyer.post(base() + "/steps/sdk-routing/retry", null).status()).isEqualTo(403);
        assertThat(stranger.post(base() + "/steps/sdk-routing/retry", null).status()).isEqualTo(404);
    }

    @Test
    void anArchivedProductIsNotOnboarded() {
        products.upsertFromCatalog(app, "Onboarding app", "ANDROID", app, null, null, "GAME", "ARCHIVED", Instant.now());
        Answer a = admin.post(base(), null);
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(store.workflow(app)).isEmpty();
    }

    /** Stands for the process dying: not an Exception, so the worker does not record a failed attempt. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }
}
