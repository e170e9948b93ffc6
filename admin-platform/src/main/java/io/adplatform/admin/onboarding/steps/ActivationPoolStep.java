package io.adplatform.admin.onboarding.steps;

import io.adplatform.admin.onboarding.OnboardingStep;
import io.adplatform.admin.onboarding.StepContext;
import java.net.URI;
import java.util.Map;

/**
 * (b) The product is registered with new-device-service's activation pool: its pool layout (bucket bits) is pinned
 * before its first activation arrives ({@code PUT /internal/v1/activation-pool/apps/{appId}}, idempotent: a pinned
 * layout is kept and answered again).
 */
public final class ActivationPoolStep implements OnboardingStep {

    public static final String NAME = "activation-pool";

    private final PeerHttp http;
    private final URI newDevice;

    public ActivationPoolStep(PeerHttp http, URI newDevice) {
        this.http = http;
        this.newDevice = newDevice;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> run(StepContext ctx) throws Exception {
        PeerHttp.Answer a = http.send("PUT", PeerHttp.join(newDevice, "/internal/v1/activation-pool/apps/"
                + PeerHttp.segment(ctx.appId())), null);
        if (!a.ok()) {
            throw new IllegalStateException("new-device-service: registering with the activation pool refused, "
                    + a.describe());
        }
        return Map.of("bucketBits", a.body().path("bucketBits").asString());
    }
}
