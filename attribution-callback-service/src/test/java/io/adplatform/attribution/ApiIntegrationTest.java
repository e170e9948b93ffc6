package io.adplatform.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.attribution.support.Api;
import io.adplatform.attribution.support.IntegrationTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The internal API: settings, rules, log search; bad input gets problem+json naming the field and writes nothing. */
class ApiIntegrationTest extends IntegrationTestBase {

    static void assertProblem(Api.Response r, int status, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode json = r.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("title").asString()).isNotBlank();
        if (fields.length > 0) {
            List<String> named = new ArrayList<>();
            json.get("errors").forEach(e -> named.add(e.get("field").asString()));
            assertThat(named).contains(fields);
            json.get("errors").forEach(e -> assertThat(e.get("message").asString()).isNotBlank());
        }
    }

    int settingsRows(String product) throws Exception {
        try (Connection c = DB.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM partner_settings WHERE product_id = ?")) {
            ps.setString(1, product);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void settingsAreStoredEncryptedAndShownMasked() throws Exception {
        String product = newProductId();
        String key = "super-secret-s2s-key-1234";

        JsonNode created = api.ok(api.put("/internal/v1/products/" + product + "/partners/appsflyer",
                "{\"appId\":\"" + product + "\",\"s2sKey\":\"" + key + "\"}")).json();
        Api.Response list = api.ok(api.get("/internal/v1/products/" + product + "/partners"));
        Api.Response one = api.ok(api.get("/internal/v1/products/" + product + "/partners/appsflyer"));

        assertThat(created.get("secret").asString()).isEqualTo("••••1234");
        assertThat(created.at("/config/appId").asString()).isEqualTo(product);
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(list.body()).doesNotContain(key).contains("••••1234");
        assertThat(one.body()).doesNotContain(key);
        try (Connection c = DB.connect();
             PreparedStatement ps = c.prepareStatement("SELECT config, secret_ciphertext FROM partner_settings WHERE product_id = ?")) {
            ps.setString(1, product);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).doesNotContain(key);
                assertThat(new String(rs.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key);
            }
        }
    }

    @Test
    void anUpdateWithoutASecretKeepsTheStoredOne() {
        String product = newProductId();
        api.ok(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"123456789012345\",\"accessToken\":\"token-number-one-9876\"}"));

        JsonNode updated = api.ok(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"999999999999\",\"enabled\":false}")).json();

        assertThat(updated.get("secret").asString()).isEqualTo("••••9876");
        assertThat(updated.at("/config/datasetId").asString()).isEqualTo("999999999999");
        assertThat(updated.get("enabled").asBoolean()).isFalse();
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        String product = newProductId();

        assertProblem(api.put("/internal/v1/products/" + product + "/partners/appsflyer",
                "{\"appId\":\"1234567\",\"s2sKey\":\"valid-key-123\"}"), 400, "appId");
        assertProblem(api.put("/internal/v1/products/" + product + "/partners/appsflyer",
                "{\"appId\":\"com.example.game\"}"), 400, "s2sKey");
        assertProblem(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"abc\",\"accessToken\":\"short\"}"), 400, "datasetId", "accessToken");
        assertProblem(api.put("/internal/v1/products/" + product + "/partners/tiktok",
                "{\"eventSourceId\":\"has spaces\",\"accessToken\":\"tok en with spaces\"}"), 400, "eventSourceId", "accessToken");
        assertProblem(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"123456\",\"accessToken\":"), 400);
        assertProblem(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"123456\",\"enabled\":\"maybe\",\"accessToken\":\"token-1234567\"}"), 400, "enabled");
        assertProblem(api.put("/internal/v1/products/bad%20product/partners/meta",
                "{\"datasetId\":\"123456\",\"accessToken\":\"token-1234567\"}"), 400, "productId");

        assertThat(settingsRows(product)).isZero();
        assertProblem(api.get("/internal/v1/products/" + product + "/partners"), 404);
        assertProblem(api.get("/internal/v1/products/" + product + "/partners/google"), 400, "partner");
    }

    @Test
    void theInternalApiNeedsTheServiceToken() {
        Api.Response r = api.getWithoutToken("/internal/v1/callbacks");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rulesShowDefaultsAcceptValidReplacementsAndRefuseInvalidOnes() {
        String product = newProductId();
        assertProblem(api.put("/internal/v1/products/" + product + "/rules/meta",
                "{\"rules\":[{\"eventType\":\"PAYMENT\",\"partnerEventName\":\"Purchase\",\"includeRevenue\":true}]}"), 404);
        api.ok(api.put("/internal/v1/products/" + product + "/partners/meta",
                "{\"datasetId\":\"123456789\",\"accessToken\":\"meta-token-12345\"}"));

        JsonNode defaults = api.ok(api.get("/internal/v1/products/" + product + "/rules")).json();
        assertThat(defaults.at("/META/source").asString()).isEqualTo("default");
        assertThat(defaults.at("/META/rules/0/partnerEventName").asString()).isEqualTo("MobileAppInstall");
        assertThat(defaults.at("/META/rules/0/onlyNewDevices").asBoolean()).isTrue();
        assertThat(defaults.at("/APPSFLYER/rules/1/partnerEventName").asString()).isEqualTo("af_purchase");

        assertProblem(api.put("/internal/v1/products/" + product + "/rules/meta",
                "{\"rules\":[{\"eventType\":\"CUSTOM\",\"partnerEventName\":\"Lead\"},"
                        + "{\"eventType\":\"LOGIN\",\"eventName\":\"x\",\"partnerEventName\":\"\"}]}"), 400,
                "rules[0].eventName", "rules[1].eventName", "rules[1].partnerEventName");
        assertProblem(api.put("/internal/v1/products/" + product + "/rules/meta",
                "{\"rules\":[{\"eventType\":\"SIGNUP\",\"partnerEventName\":\"Lead\"}]}"), 400, "rules[0].eventType");
        assertProblem(api.put("/internal/v1/products/" + product + "/rules/meta", "{}"), 400, "rules");
        assertThat(api.ok(api.get("/internal/v1/products/" + product + "/rules")).json().at("/META/source").asString())
                .isEqualTo("default");

        api.ok(api.put("/internal/v1/products/" + product + "/rules/meta",
                "{\"rules\":[{\"eventType\":\"CUSTOM\",\"eventName\":\"tutorial_done\",\"partnerEventName\":\"CompleteTutorial\","
                        + "\"mediaSources\":[\"Facebook_Ads\"]}]}"));
        JsonNode configured = api.ok(api.get("/internal/v1/products/" + product + "/rules")).json();
        assertThat(configured.at("/META/source").asString()).isEqualTo("configured");
        assertThat(configured.at("/META/rules/0/mediaSources/0").asString()).isEqualTo("facebook_ads");
        assertThat(configured.at("/TIKTOK/source").asString()).isEqualTo("default");

        JsonNode reset = api.ok(api.delete("/internal/v1/products/" + product + "/rules/meta")).json();
        assertThat(reset.get("source").asString()).isEqualTo("default");
    }

    @Test
    void logSearchValidatesItsParameters() {
        assertProblem(api.get("/internal/v1/callbacks?size=0"), 400, "size");
        assertProblem(api.get("/internal/v1/callbacks?status=LOST"), 400, "status");
        assertProblem(api.get("/internal/v1/callbacks?from=yesterday"), 400, "from");
        assertProblem(api.get("/internal/v1/callbacks?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "from");
        assertProblem(api.get("/internal/v1/callbacks/999999999"), 404);
        assertProblem(api.post("/internal/v1/callbacks/999999999/replay"), 404);
        JsonNode empty = api.ok(api.get("/internal/v1/callbacks?productId=nobody&status=DELIVERED&partner=meta"
                + "&from=2026-01-01T00:00:00Z&to=2099-01-01T00:00:00Z")).json();
        assertThat(empty.get("items").size()).isZero();
        assertThat(empty.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void operationsEndpointsAnswer() {
        Api.Response readiness = api.getWithoutToken("/actuator/health/readiness");
        Api.Response liveness = api.getWithoutToken("/actuator/health/liveness");
        Api.Response prometheus = api.getWithoutToken("/actuator/prometheus");
        Api.Response openapi = api.getWithoutToken("/v3/api-docs");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("attribution_callbacks_waiting", "resilience4j_circuitbreaker_state",
                "attribution_retry_queue_depth", "attribution_partner_calls_in_flight", "resilience4j_ratelimiter",
                "kafka_consumer_fetch_manager_records_lag");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/internal/v1/callbacks/{id}/replay", "/internal/v1/products/{productId}/rules/{partner}");
    }
}
