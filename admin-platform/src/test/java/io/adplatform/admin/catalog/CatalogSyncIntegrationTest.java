package io.adplatform.admin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.products.Product;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The catalog sync against the offline-tasks stand-in ({@code PeerStandIns}: its products API, job trigger and runs),
 * page size 2 in tests so every sync reads several pages.
 */
class CatalogSyncIntegrationTest extends IntegrationTestBase {

    @Autowired Products products;

    @Test
    void anOnDemandSyncRunsOfflineTasksCatalogJobThenCopiesEveryPageWithoutMovingProducts() {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String a = "com.catalog.a" + tag;
        String b = "com.catalog.b" + tag;
        String c = "com.catalog.c" + tag;
        PEERS.putCatalogProduct(a, "A", "ANDROID", "ACTIVE");
        PEERS.putCatalogProduct(b, "B", "ANDROID", "ACTIVE");
        PEERS.putCatalogProduct(c, "C", "IOS", "ARCHIVED");
        int runsBefore = PEERS.runsOf("product-catalog-sync").size();
        Client admin = operators.newTeamAdmin();

        Answer first = admin.post("/api/v1/catalog/sync", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("pages").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(first.json().get("read").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(PEERS.runsOf("product-catalog-sync")).hasSize(runsBefore + 1);
        assertThat(first.json().get("upstreamRunId").asLong())
                .isEqualTo(PEERS.runsOf("product-catalog-sync").stream().mapToLong(r -> r.get("id").asLong()).max()
                        .orElseThrow());
        assertThat(products.find(a)).map(Product::name).contains("A");
        assertThat(products.find(c)).map(Product::catalogStatus).contains("ARCHIVED");

        long group = operators.newGroup(admin);
        assertThat(admin.post("/api/v1/groups/" + group + "/products", "{\"appId\":\"" + a + "\"}").status())
                .isEqualTo(200);
        PEERS.putCatalogProduct(a, "A renamed", "ANDROID", "ARCHIVED");
        assertThat(admin.post("/api/v1/catalog/sync", null).status()).isEqualTo(200);
        Product moved = products.find(a).orElseThrow();
        assertThat(moved.name()).isEqualTo("A renamed");
        assertThat(moved.catalogStatus()).isEqualTo("ARCHIVED");
        assertThat(moved.groupId()).isEqualTo(group);
        assertThat(moved.teamId()).isEqualTo(admin.teamId());
        assertThat(admin.get("/api/v1/audit?limit=20").body()).contains("catalog.synced");
    }

    @Test
    void onlyTeamAdminsSyncAndAFailingUpstreamIsA502() {
        Client admin = operators.newTeamAdmin();
        Client user = operators.newUser(admin);
        assertThat(user.post("/api/v1/catalog/sync", null).status()).isEqualTo(403);
        assertThat(operators.anonymous().post("/api/v1/catalog/sync", null).status()).isEqualTo(401);

        PEERS.failNext("/internal/v1/jobs/product-catalog-sync/runs", 1, 503);
        Answer down = admin.post("/api/v1/catalog/sync", null);
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.json().get("detail").asString()).contains("HTTP 503");
    }

    @Test
    void malformedRowsAreSkippedAndCounted() {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        PEERS.putCatalogProduct("com.catalog.bad" + tag, "Bad", "WINDOWS", "ACTIVE");
        Answer r = operators.newTeamAdmin().post("/api/v1/catalog/sync", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("skipped").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(products.find("com.catalog.bad" + tag)).isEmpty();
    }
}
