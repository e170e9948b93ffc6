package io.adplatform.admin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Client;
import io.adplatform.admin.support.TestProducts;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The cached check against changes made here and changes announced by another instance over Redis. */
class AccessChangesIntegrationTest extends IntegrationTestBase {

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AccessProperties props;

    @Test
    void aRevokedRoleTakesEffectOnTheVeryNextRequest() {
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        String app = TestProducts.inGroup(products, admin, group, "revoke");
        Client user = operators.newUser(admin);
        operators.grant(admin, group, user.userId(), "VIEWER");
        assertThat(user.get("/api/v1/products/" + app).status()).isEqualTo(200);
        assertThat(user.get("/api/v1/products/" + app).status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/groups/" + group + "/members/" + user.userId()).status()).isEqualTo(204);
        assertThat(user.get("/api/v1/products/" + app).status()).isEqualTo(404);

        operators.grant(admin, group, user.userId(), "VIEWER");
        assertThat(user.get("/api/v1/products/" + app).status()).isEqualTo(200);
        String other = TestProducts.inGroup(products, admin, group, "joined");
        assertThat(user.get("/api/v1/products/" + other).status()).isEqualTo(200);
    }

    @Test
    void aChangeAnnouncedByAnotherInstanceEvictsTheCopyHere() {
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        String app = TestProducts.inGroup(products, admin, group, "remote");
        Client user = operators.newUser(admin);
        operators.grant(admin, group, user.userId(), "VIEWER");
        assertThat(user.get("/api/v1/products/" + app).status()).isEqualTo(200);

        // Another instance's transaction: the row is gone from the database, but not yet announced — the copy is used.
        jdbc.sql("DELETE FROM product_access WHERE user_id = ? AND app_id = ?").params(user.userId(), app).update();
        assertThat(user.get("/api/v1/products/" + app).status()).isEqualTo(200);

        redis.convertAndSend(props.changesChannel(), Long.toString(user.userId()));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> user.get("/api/v1/products/" + app).status() == 404);
    }
}
