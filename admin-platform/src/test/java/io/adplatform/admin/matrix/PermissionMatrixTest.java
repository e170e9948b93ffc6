package io.adplatform.admin.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.admin.access.Role;
import io.adplatform.admin.products.Products;
import io.adplatform.admin.support.IntegrationTestBase;
import io.adplatform.admin.support.Operators.Answer;
import io.adplatform.admin.support.Operators.Client;
import io.adplatform.admin.support.TestProducts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every role × every product-scoped endpoint, over HTTP: a role holding the endpoint's permission gets through (any
 * answer but 401/403 and "no product"), a member without it gets 403, and a user of the same team outside the group, a
 * member of another product only, and another team's admin get the same 404 as for a product that does not exist,
 * with nothing of the product in the body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest extends IntegrationTestBase {

    static final List<Endpoint> ALL = Stream.of(CoreEndpoints.ENDPOINTS, OnboardingEndpoints.ENDPOINTS,
            DspEndpoints.ENDPOINTS, AdsEndpoints.ENDPOINTS).flatMap(List::stream).toList();

    @Autowired
    Products products;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    String appId;
    String productName;
    final Map<String, Client> insiders = new LinkedHashMap<>();
    final Map<String, Client> outsiders = new LinkedHashMap<>();

    @BeforeAll
    void fixture() {
        setUpOperatorsForFixture();
        Client admin = operators.newTeamAdmin();
        long group = operators.newGroup(admin);
        appId = TestProducts.inGroup(products, admin, group, "matrix");
        productName = products.find(appId).orElseThrow().name();
        String otherApp = TestProducts.inGroup(products, admin, group, "matrix-other");
        for (Role role : Role.values()) {
            Client user = operators.newUser(admin);
            operators.grant(admin, group, user.userId(), role.name());
            insiders.put(role.name(), user);
        }
        Client listedOnOther = operators.newUser(admin);
        operators.grant(admin, group, listedOnOther.userId(), "GROUP_ADMIN", otherApp);
        outsiders.put("group admin of another product of the group", listedOnOther);
        outsiders.put("same team, no group", operators.newUser(admin));
        outsiders.put("team admin of another team", operators.newTeamAdmin());
        // A team admin holds no product rights by being team admin: products need a role in the group.
        outsiders.put("team admin without a role", admin);
    }

    private void setUpOperatorsForFixture() {
        operators = new io.adplatform.admin.support.Operators(port);
    }

    @Test
    void everyRoleGetsExactlyItsPermissionsOnEveryEndpoint() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : ALL) {
            for (Map.Entry<String, Client> insider : insiders.entrySet()) {
                Role role = Role.valueOf(insider.getKey());
                Answer a = call(insider.getValue(), e, appId);
                String where = role + " " + e.method() + " " + e.path() + " → " + a.status() + " " + a.body();
                if (role.permissions().contains(e.needed())) {
                    soft.assertThat(a.status()).as(where).isNotIn(401, 403);
                    soft.assertThat(a.status() == 404 && a.body().contains("no product")).as(where).isFalse();
                } else {
                    soft.assertThat(a.status()).as(where).isEqualTo(403);
                    soft.assertThat(a.body()).as(where).doesNotContain(productName);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void outsidersGetTheSameNotFoundAsForAProductThatDoesNotExist() {
        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : ALL) {
            for (Map.Entry<String, Client> outsider : outsiders.entrySet()) {
                Answer a = call(outsider.getValue(), e, appId);
                Answer none = call(outsider.getValue(), e, "com.no.such.app");
                String where = outsider.getKey() + " " + e.method() + " " + e.path() + " → " + a.status() + " " + a.body();
                soft.assertThat(a.status()).as(where).isEqualTo(404);
                soft.assertThat(a.body().replace(appId, "X")).as(where)
                        .isEqualTo(none.body().replace("com.no.such.app", "X"));
                soft.assertThat(a.body()).as(where).doesNotContain(productName);
            }
        }
        soft.assertAll();
    }

    @Test
    void everyProductScopedMappingIsInTheMatrix() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : m.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/products/{")) {
                    continue;
                }
                // {anything} in the mapping stands for one path segment of a listed call
                java.util.regex.Pattern matches = java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(pattern).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q"));
                for (var method : m.getKey().getMethodsCondition().getMethods()) {
                    boolean listed = ALL.stream().anyMatch(e -> e.method().equals(method.name())
                            && matches.matcher(e.path().replaceFirst("\\?.*$", "")).matches());
                    if (!listed) {
                        missing.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        assertThat(missing).as("product endpoints missing from the permission matrix").isEmpty();
    }

    @Test
    void teamLevelActionsAreForTeamAdminsOnly() {
        Client member = insiders.get("GROUP_ADMIN");
        SoftAssertions soft = new SoftAssertions();
        for (String[] call : List.of(
                new String[] {"GET", "/api/v1/users", null},
                new String[] {"POST", "/api/v1/users", "{}"},
                new String[] {"PATCH", "/api/v1/users/1", "{}"},
                new String[] {"POST", "/api/v1/groups", "{\"name\":\"x\"}"},
                new String[] {"GET", "/api/v1/catalog", null},
                new String[] {"GET", "/api/v1/audit", null})) {
            Answer a = member.send(call[0], call[1], call[2]);
            soft.assertThat(a.status()).as(call[0] + " " + call[1] + " " + a.body()).isEqualTo(403);
        }
        soft.assertAll();
    }

    private static Answer call(Client c, Endpoint e, String app) {
        return c.send(e.method(), e.path().replace("{appId}", app), e.body());
    }
}
