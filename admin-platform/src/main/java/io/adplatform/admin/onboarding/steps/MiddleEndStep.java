package io.adplatform.admin.onboarding.steps;

import io.adplatform.admin.onboarding.OnboardingStep;
import io.adplatform.admin.onboarding.StepContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (c) The user center and the finance center (the "middle ends", external systems): for each, is the product
 * integrated (its SDK reports logins / payments there)? If so, its real-time data task is started — idempotent by app
 * id at the middle end, so a repeated start answers the task already running. Not integrated is not an error: the
 * product simply has no such data yet.
 */
public final class MiddleEndStep implements OnboardingStep {

    public static final String NAME = "middle-end";
    static final List<String> CENTERS = List.of("user-center", "finance-center");

    private final PeerHttp http;
    private final URI middleEnd;

    public MiddleEndStep(PeerHttp http, URI middleEnd) {
        this.http = http;
        this.middleEnd = middleEnd;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> run(StepContext ctx) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        String app = PeerHttp.segment(ctx.appId());
        for (String center : CENTERS) {
            PeerHttp.Answer status = http.get(PeerHttp.join(middleEnd, "/" + center + "/v1/apps/" + app + "/integration"));
            if (!status.ok()) {
                throw new IllegalStateException(center + ": integration status unreadable, " + status.describe());
            }
            if (!status.body().path("integrated").asBoolean()) {
                out.put(center, "not integrated");
                continue;
            }
            PeerHttp.Answer task = http.send("POST", PeerHttp.join(middleEnd, "/" + center + "/v1/apps/" + app
                    + "/data-tasks"), Map.of("appId", ctx.appId()));
            if (!task.ok()) {
                throw new IllegalStateException(center + ": starting the data task refused, " + task.describe());
            }
            out.put(center, "data task " + task.body().path("taskId").asString());
        }
        return out;
    }
}
