package io.adplatform.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import io.adplatform.admin.support.TestProducts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hierarchy and its write-propagation, read back through the API and the tables, against MariaDB. */
class AccessIntegrationTest extends IntegrationTestBase {

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProductAccess access;

    @Test
    void aProductAddedToAGroupReachesEveryHasAllAppMemberInTheSameWriteAndNoOneElse() {
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        String first = TestProducts.inGroup(products, admin, group, "first");
        Client allApps = operators.newUser(admin);
        Client listed = operators.newUser(admin);
        operators.grant(admin, group, allApps.userId(), "BUYER");
        operators.grant(admin, group, listed.userId(), "ANALYST", first);

        String second = TestProducts.create(products, "second");
        Answer added = admin.post("/api/v1/groups/" + group + "/products", "{\"appId\":\"" + second + "\"}");
        assertThat(added.json().get("membersGained").asInt()).isEqualTo(1);

        assertThat(appIds(allApps.get("/api/v1/products"))).containsExactlyInAnyOrder(first, second);
        assertThat(appIds(listed.get("/api/v1/products"))).containsExactly(first);
        // The seed's table holds the product in the has_all_app row's list, not only in the derived rows.
        String list = jdbc.sql("SELECT app_id_list FROM group_members WHERE group_id = ? AND user_id = ?")
                .params(group, allApps.userId()).query(String.class).single();
        assertThat(list).contains(first, second);
        assertThat(access.permissions(allApps.userId(), second)).contains(Role.BUYER.mask());
        assertThat(access.permissions(listed.userId(), second)).isEmpty();
        assertThat(listed.get("/api/v1/products/" + second).status()).isEqualTo(404);
    }

    @Test
    void rolesOfAUserInAGroupAddUpAndRemovingTheProductEndsAllAccessToIt() {
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        String a = TestProducts.inGroup(products, admin, group, "a");
        String b = TestProducts.inGroup(products, admin, group, "b");
        Client user = operators.newUser(admin);
        Answer put = admin.put("/api/v1/groups/" + group + "/members/" + user.userId(), """
                {"grants":[{"role":"VIEWER","hasAllApps":true},{"role":"BUYER","hasAllApps":false,"appIds":["%s"]}]}"""
                .formatted(b));
        assertThat(put.status()).isEqualTo(200);
        assertThat(access.permissions(user.userId(), a)).contains(Role.VIEWER.mask());
        assertThat(access.permissions(user.userId(), b)).contains(Role.VIEWER.mask() | Role.BUYER.mask());

        assertThat(admin.delete("/api/v1/groups/" + group + "/products/" + b).status()).isEqualTo(204);
        assertThat(access.permissions(user.userId(), b)).isEmpty();
        assertThat(user.get("/api/v1/products/" + b).status()).isEqualTo(404);
        assertThat(appIds(user.get("/api/v1/products"))).containsExactly(a);
        String lists = jdbc.sql("SELECT GROUP_CONCAT(app_id_list) FROM group_members WHERE user_id = ?")
                .params(user.userId()).query(String.class).single();
        assertThat(lists).doesNotContain(b);
    }

    @Test
    void groupAdminsManageTheirGroupsMembersButNotOtherGroupsNorTheTeam() {
        Client admin = operators.newTeamAdmin();
        long mine = operators.newGroup(admin);
        long other = operators.newGroup(admin);
        String app = TestProducts.inGroup(products, admin, mine, "mine");
        Client groupAdmin = operators.newUser(admin);
        Client buyer = operators.newUser(admin);
        operators.grant(admin, mine, groupAdmin.userId(), "GROUP_ADMIN");

        assertThat(groupAdmin.put("/api/v1/groups/" + mine + "/members/" + buyer.userId(),
                "{\"grants\":[{\"role\":\"BUYER\",\"hasAllApps\":true}]}").status()).isEqualTo(200);
        assertThat(appIds(buyer.get("/api/v1/products"))).containsExactly(app);
        assertThat(groupAdmin.get("/api/v1/groups/" + other + "/members").status()).isEqualTo(404);
        assertThat(groupAdmin.post("/api/v1/groups", "{\"name\":\"nope\"}").status()).isEqualTo(403);
        assertThat(buyer.get("/api/v1/groups/" + mine + "/members").status()).isEqualTo(403);
        assertThat(buyer.put("/api/v1/groups/" + mine + "/members/" + buyer.userId(),
                "{\"grants\":[{\"role\":\"GROUP_ADMIN\",\"hasAllApps\":true}]}").status()).isEqualTo(403);
    }

    @Test
    void anotherTeamSeesNothingAndChangesNothing() {
        Client adminA = operators.newTeamAdmin();
        long groupA = operators.newGroup(adminA);
        String appA = TestProducts.inGroup(products, adminA, groupA, "team-a");
        Client adminB = operators.newTeamAdmin();
        long groupB = operators.newGroup(adminB);

        assertThat(appIds(adminB.get("/api/v1/products"))).doesNotContain(appA);
        Answer read = adminB.get("/api/v1/products/" + appA);
        Answer missing = adminB.get("/api/v1/products/com.does.not.exist");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("detail").asString().replace(appA, "X"))
                .isEqualTo(missing.json().get("detail").asString().replace("com.does.not.exist", "X"));
        assertThat(read.body()).doesNotContain("App team-a");
        // Taking A's product into B's group, reading or changing A's group and members: all "not found".
        assertThat(adminB.post("/api/v1/groups/" + groupB + "/products", "{\"appId\":\"" + appA + "\"}").status())
                .isEqualTo(404);
        assertThat(adminB.get("/api/v1/groups/" + groupA).status()).isEqualTo(404);
        assertThat(adminB.get("/api/v1/groups/" + groupA + "/members").status()).isEqualTo(404);
        assertThat(adminB.put("/api/v1/groups/" + groupA + "/members/" + adminB.userId(),
                "{\"grants\":[{\"role\":\"GROUP_ADMIN\",\"hasAllApps\":true}]}").status()).isEqualTo(404);
        assertThat(adminB.put("/api/v1/groups/" + groupB + "/members/" + adminA.userId(),
                "{\"grants\":[{\"role\":\"VIEWER\",\"hasAllApps\":true}]}").status()).isEqualTo(404);
        assertThat(adminB.get("/api/v1/catalog").body()).doesNotContain(appA);
        assertThat(adminB.get("/api/v1/audit").body()).doesNotContain(appA);
        assertThat(products.find(appA).orElseThrow().groupId()).isEqualTo(groupA);
    }

    @Test
    void membersAreRefusedWithTheFieldNamedAndNothingWritten() {
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        long otherGroup = operators.newGroup(admin);
        String elsewhere = TestProducts.inGroup(products, admin, otherGroup, "elsewhere");
        Client user = operators.newUser(admin);
        Answer a = admin.put("/api/v1/groups/" + group + "/members/" + user.userId(), """
                {"grants":[{"role":"BUYER","hasAllApps":false,"appIds":["%s"]},{"role":"NOPE","hasAllApps":true}]}"""
                .formatted(elsewhere));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        Answer b = admin.put("/api/v1/groups/" + group + "/members/" + user.userId(), """
                {"grants":[{"role":"BUYER","hasAllApps":false,"appIds":["%s"]}]}""".formatted(elsewhere));
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.body()).contains("grants[0].appIds[0]");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM group_members WHERE user_id = ?").params(user.userId())
                .query(Integer.class).single()).isZero();
    }

    private static List<String> appIds(Answer a) {
        assertThat(a.status()).isEqualTo(200);
        return a.json().valueStream().map(n -> n.get("appId").asString()).toList();
    }
}
