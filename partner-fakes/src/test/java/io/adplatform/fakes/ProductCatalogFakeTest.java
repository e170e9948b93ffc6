package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The product catalog fake over real HTTP. */
class ProductCatalogFakeTest {

    static final String TOKEN = "catalog-token";
    static PartnerFakes fakes;
    static ProductCatalogFake catalog;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        catalog = fakes.productCatalog().registerToken(TOKEN);
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        for (int i = 1; i <= 5; i++) {
            catalog.putProduct("com.example.app" + i, "App " + i, "ANDROID", "com.example.app" + i, "GAME", "ACTIVE");
        }
    }

    static HttpResponse<String> page(String query, String token) {
        String url = fakes.productCatalogBaseUrl() + "/v1/products" + (query == null ? "" : "?" + query);
        return token == null ? FakeHttp.get(url) : FakeHttp.get(url, "Authorization", "Bearer " + token);
    }

    @Test
    void servesPagesInAppIdOrderWithNextPage() {
        HttpResponse<String> first = page("page=1&pageSize=2", TOKEN);
        HttpResponse<String> last = page("page=3&pageSize=2", TOKEN);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode body = json(first);
        assertThat(body.path("items").valueStream().map(i -> i.path("appId").asString()))
                .containsExactly("com.example.app1", "com.example.app2");
        assertThat(body.path("nextPage").asInt()).isEqualTo(2);
        assertThat(body.path("total").asInt()).isEqualTo(5);
        JsonNode item = body.path("items").get(0);
        assertThat(item.path("platform").asString()).isEqualTo("ANDROID");
        assertThat(item.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(item.path("updatedAt").asString()).isEqualTo(FakeRequests.NOW.toString());
        assertThat(json(last).path("items").size()).isEqualTo(1);
        assertThat(json(last).path("nextPage").isNull()).isTrue();
        assertThat(json(page(null, TOKEN)).path("pageSize").asInt()).isEqualTo(ProductCatalogFake.DEFAULT_PAGE_SIZE);
    }

    @Test
    void refusesMissingAndUnknownTokens() {
        assertThat(page("page=1", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = page("page=1", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).at("/error/code").asString()).isEqualTo("unauthorized");
        assertThat(catalog.refusedRequestCount()).isEqualTo(2);
    }

    @Test
    void refusesBadPaging() {
        assertThat(page("page=0", TOKEN).statusCode()).isEqualTo(400);
        assertThat(page("page=x", TOKEN).statusCode()).isEqualTo(400);
        assertThat(page("pageSize=501", TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> zero = page("page=1&pageSize=0", TOKEN);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).at("/error/message").asString()).contains("pageSize");
        assertThat(FakeHttp.postJson(fakes.productCatalogBaseUrl() + "/v1/products", "{}", "Authorization",
                "Bearer " + TOKEN).statusCode()).isEqualTo(405);
        assertThat(FakeHttp.get(fakes.productCatalogBaseUrl() + "/v2/products").statusCode()).isEqualTo(404);
    }

    @Test
    void scriptedUnavailabilityThenNormalAnswers() {
        catalog.failNext(2, 503);

        assertThat(page("page=1", TOKEN).statusCode()).isEqualTo(503);
        assertThat(page("page=1", TOKEN).statusCode()).isEqualTo(503);
        assertThat(page("page=1", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void itemsChangeBetweenCallsAndMalformedOnesAreServedAsSeeded() {
        catalog.remove("com.example.app1").putProduct("com.example.app2", "Renamed", "ANDROID", "com.example.app2",
                "GAME", "ARCHIVED").putRaw("com.example.app3", "{\"appId\":\"com.example.app3\",\"platform\":\"WINDOWS\"}");

        JsonNode body = json(page("pageSize=500", TOKEN));

        assertThat(body.path("total").asInt()).isEqualTo(4);
        assertThat(body.path("items").get(0).path("name").asString()).isEqualTo("Renamed");
        assertThat(body.path("items").get(0).path("status").asString()).isEqualTo("ARCHIVED");
        assertThat(body.path("items").get(1).path("platform").asString()).isEqualTo("WINDOWS");
    }
}
