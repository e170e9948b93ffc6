package io.adplatform.admin.onboarding.steps;

import io.adplatform.admin.onboarding.OnboardingStep;
import io.adplatform.admin.onboarding.StepContext;
import java.net.URI;
import java.util.Map;

/**
 * (d) The offline traffic tasks: offline-tasks' {@code media-reports} job pulls the product's ad accounts' spend and
 * installs on its schedule from now on; this step starts a first pull for the product at once
 * ({@code product} parameter). Starting it twice (a re-run) only pulls again, which replaces the same rows.
 */
public final class TrafficTasksStep implements OnboardingStep {

    public static final String NAME = "traffic-tasks";
    static final String JOB = "media-reports";

    private final PeerHttp http;
    private final URI offlineTasks;

    public TrafficTasksStep(PeerHttp http, URI offlineTasks) {
        this.http = http;
        this.offlineTasks = offlineTasks;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> run(StepContext ctx) throws Exception {
        PeerHttp.Answer a = http.send("POST", PeerHttp.join(offlineTasks, "/internal/v1/jobs/" + JOB + "/runs"),
                Map.of("parameters", Map.of("product", ctx.appId())));
        if (a.status() != 202) {
            throw new IllegalStateException("offline-tasks: starting " + JOB + " refused, " + a.describe());
        }
        return Map.of("job", JOB, "runId", a.body().path("id").asString());
    }
}
