package io.adplatform.offline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.offline.support.Api;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The report-accounts API over HTTP: validation, tokens in but never out, encrypted at rest. */
class ReportAccountsApiTest extends ReportsIntegrationTestBase {

    static final String TOKEN = "EAAB-secret-token-value-12345";

    @Test
    void createsUpdatesListsAndDeletesWithoutEverShowingTheToken() {
        String id = newId();
        Api.Answer created = api.put("/report-accounts/meta/act_" + id, "{\"productId\":\"com.example.app\","
                + "\"accessToken\":\"" + TOKEN + "\",\"currency\":\"EUR\",\"timezone\":\"Europe/Berlin\",\"large\":true}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode v = created.json();
        assertThat(v.get("media").asString()).isEqualTo("meta");
        assertThat(v.get("accountId").asString()).isEqualTo(id);
        assertThat(v.get("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(v.get("large").asBoolean()).isTrue();
        assertThat(v.get("enabled").asBoolean()).isTrue();
        assertThat(v.get("hasAccessToken").asBoolean()).isTrue();

        Api.Answer updated = api.put("/report-accounts/meta/" + id, "{\"productId\":\"com.example.app\","
                + "\"currency\":\"EUR\",\"enabled\":false}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("enabled").asBoolean()).isFalse();
        assertThat(updated.json().get("timezone").asString()).isEqualTo("UTC");

        Api.Answer list = api.get("/report-accounts");
        Api.Answer one = api.get("/report-accounts/meta/" + id);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        for (Api.Answer a : new Api.Answer[] {created, updated, list, one}) {
            assertThat(a.body()).doesNotContain(TOKEN).doesNotContain("accessToken\"");
        }
        byte[] stored = jdbc.sql("SELECT access_token FROM report_account WHERE account_id = ?").param(id)
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(stored.length).isGreaterThan(TOKEN.length() + 12);

        assertThat(api.delete("/report-accounts/meta/" + id).status()).isEqualTo(204);
        assertThat(api.get("/report-accounts/meta/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/report-accounts/meta/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesBadInputNamingEveryField() {
        Api.Answer a = api.put("/report-accounts/meta/12ab", "{\"productId\":\"bad id!\",\"currency\":\"EURO\","
                + "\"timezone\":\"Mars/Olympus\",\"asyncThreshold\":0}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("accountId", "productId", "accessToken", "currency", "timezone", "asyncThreshold");

        Api.Answer tiktok = api.put("/report-accounts/tiktok/" + newId(), "{\"productId\":\"com.example.app\","
                + "\"currency\":\"USD\",\"large\":true}");
        assertThat(tiktok.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("accessToken", "large");

        Api.Answer media = api.put("/report-accounts/snapchat/123", "{\"productId\":\"p\",\"accessToken\":\"t\","
                + "\"currency\":\"USD\"}");
        assertThat(media.json().get("errors")).extracting(e -> e.get("field").asString()).containsExactly("media");

        Api.Answer type = api.put("/report-accounts/meta/123", "{\"productId\":\"p\",\"accessToken\":\"t\","
                + "\"currency\":\"USD\",\"large\":\"very\"}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.body()).contains("large");

        assertThat(api.put("/report-accounts/meta/123", "").status()).isEqualTo(400);
        assertThat(api.get("/report-accounts?media=x").json().get("errors").get(0).get("field").asString())
                .isEqualTo("media");
        assertThat(api.unauthenticated("/report-accounts").status()).isEqualTo(401);
    }
}
