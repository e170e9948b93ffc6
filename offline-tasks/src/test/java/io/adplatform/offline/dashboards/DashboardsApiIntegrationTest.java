package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.offline.support.Api;
import io.adplatform.offline.support.IntegrationTestBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboards over HTTP through the whole service: the service token, binding, problem+json. */
class DashboardsApiIntegrationTest extends IntegrationTestBase {

    @Test
    void answersTheProductDashboardOnlyForTheProductsGivenWithTheServiceToken() {
        clickHouse.insert("attribution_events", List.of(), "JSONEachRow", """
                {"event_id":"h1","type":"ACTIVATION","app_id":"httpA","device_key":"d1","occurred_at":"2026-11-01 10:00:00","new_device":1,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"c"}
                {"event_id":"h2","type":"PAYMENT","app_id":"httpA","device_key":"d1","occurred_at":"2026-11-01 11:00:00","new_device":0,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"c","revenue":4.5,"currency":"USD"}
                {"event_id":"h3","type":"ACTIVATION","app_id":"httpHidden","device_key":"d9","occurred_at":"2026-11-01 10:00:00","new_device":1,"first_seen_at":"2026-11-01 10:00:00","country":"US","media_source":"meta","campaign":"c"}
                """.getBytes(StandardCharsets.UTF_8), Map.of());

        String path = "/dashboards/products?products=httpA&from=2026-11-01&to=2026-11-02&mediaSource=meta&mediaSource=organic";
        assertThat(api.unauthenticated(path).status()).isEqualTo(401);

        Api.Answer ok = api.get(path);
        assertThat(ok.status()).isEqualTo(200);
        var body = ok.json();
        assertThat(body.path("totals").path("newDevices").asLong()).isEqualTo(1);
        assertThat(body.path("totals").path("revenue").asDouble()).isEqualTo(4.5);
        assertThat(body.path("totals").path("cpi").isNull()).isTrue();
        assertThat(body.path("days").size()).isEqualTo(2);
        assertThat(body.path("days").get(0).path("day").asString()).isEqualTo("2026-11-01");
        assertThat(body.path("byProduct").size()).isEqualTo(1);
        assertThat(body.path("filters").path("mediaSource").toString()).isEqualTo("[\"meta\",\"organic\"]");
        assertThat(ok.body()).doesNotContain("httpHidden");
    }

    @Test
    void refusesBadParametersAsProblemJsonNamingTheField() {
        Api.Answer bad = api.get("/dashboards/dsp?products=&from=2026-11-05&to=2026-11-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").findValuesAsString("field")).containsExactly("products", "from");

        Api.Answer country = api.get("/dashboards/products?products=a&from=2026-11-01&to=2026-11-02&country=Narnia");
        assertThat(country.status()).isEqualTo(400);
        assertThat(country.json().path("errors").get(0).path("field").asString()).isEqualTo("country");

        Api.Answer callbacks = api.get("/dashboards/callbacks?products=a&from=2026-11-01&to=2026-11-02&partner=meta");
        assertThat(callbacks.status()).isEqualTo(200);
        assertThat(callbacks.json().path("totals").path("results").asLong()).isZero();
    }
}
