package io.adplatform.admin.onboarding.steps;

import io.adplatform.admin.onboarding.OnboardingStep;
import io.adplatform.admin.onboarding.StepContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * (a) The product's SDK events are routed and its partner callbacks switched on: the app is registered with
 * ingestion-service (its events are accepted and put on Kafka; already registered: enabled if it was disabled), and
 * every partner setting attribution-callback-service holds for it is enabled. AppsFlyer settings must exist — their S2S
 * key is a secret an operator enters at attribution-callback-service — otherwise the step fails saying so, and is
 * retried once they are there. The app's signing secret is shown by ingestion only on registration and is not kept
 * here; ops rotate it ({@code POST /internal/v1/apps/{appId}/rotate-secret}) to hand it to the SDK team.
 */
public final class SdkRoutingStep implements OnboardingStep {

    public static final String NAME = "sdk-routing";

    private final PeerHttp http;
    private final URI ingestion;
    private final URI attribution;

    public SdkRoutingStep(PeerHttp http, URI ingestion, URI attribution) {
        this.http = http;
        this.ingestion = ingestion;
        this.attribution = attribution;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> run(StepContext ctx) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ingestion", registerApp(ctx));
        String product = PeerHttp.segment(ctx.appId());
        PeerHttp.Answer list = http.get(PeerHttp.join(attribution, "/internal/v1/products/" + product + "/partners"));
        if (!list.ok() || !list.body().isArray()) {
            throw new IllegalStateException("attribution-callback-service: partner settings unreadable, " + list.describe());
        }
        boolean appsFlyer = false;
        List<String> enabled = new ArrayList<>();
        for (JsonNode s : list.body()) {
            String partner = s.path("partner").asString();
            appsFlyer |= "APPSFLYER".equals(partner);
            if (!s.path("enabled").asBoolean()) {
                Map<String, Object> body = new LinkedHashMap<>();
                s.path("config").properties().forEach(e -> body.put(e.getKey(), e.getValue().asString()));
                body.put("enabled", true);
                PeerHttp.Answer put = http.send("PUT", PeerHttp.join(attribution, "/internal/v1/products/" + product
                        + "/partners/" + partner.toLowerCase(Locale.ROOT)), body);
                if (!put.ok()) {
                    throw new IllegalStateException("attribution-callback-service: enabling " + partner + " refused, "
                            + put.describe());
                }
            }
            enabled.add(partner);
        }
        if (!appsFlyer) {
            throw new IllegalStateException("attribution-callback-service holds no AppsFlyer settings for " + ctx.appId()
                    + ": PUT /internal/v1/products/" + ctx.appId() + "/partners/appsflyer (with its S2S key) there, "
                    + "then retry this step");
        }
        out.put("callbackPartners", String.join(",", enabled));
        return out;
    }

    private String registerApp(StepContext ctx) throws Exception {
        PeerHttp.Answer reg = http.send("POST", PeerHttp.join(ingestion, "/internal/v1/apps"),
                Map.of("appId", ctx.appId(), "platform", ctx.platform()));
        if (reg.status() == 201) {
            return "registered";
        }
        if (reg.status() != 409) {
            throw new IllegalStateException("ingestion-service: registering the app refused, " + reg.describe());
        }
        String app = PeerHttp.segment(ctx.appId());
        PeerHttp.Answer got = http.get(PeerHttp.join(ingestion, "/internal/v1/apps/" + app));
        if (!got.ok()) {
            throw new IllegalStateException("ingestion-service: reading the app failed, " + got.describe());
        }
        if (got.body().path("enabled").asBoolean()) {
            return "already registered";
        }
        PeerHttp.Answer en = http.send("POST", PeerHttp.join(ingestion, "/internal/v1/apps/" + app + "/enable"), null);
        if (!en.ok()) {
            throw new IllegalStateException("ingestion-service: enabling the app refused, " + en.describe());
        }
        return "re-enabled";
    }
}
