package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user-center / finance-center fake over real HTTP. */
class MiddleEndFakeTest {

    static final String TOKEN = "middle-end-token";
    static PartnerFakes fakes;
    static MiddleEndFake middleEnd;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        middleEnd = fakes.middleEnd().registerToken(TOKEN);
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
    }

    static String url(String center, String app, String what) {
        return fakes.middleEndBaseUrl() + "/" + center + "/v1/apps/" + app + "/" + what;
    }

    @Test
    void answersIntegrationAndStartsOneDataTaskPerAppAndCenter() {
        middleEnd.integrate("user-center", "com.example.a");
        HttpResponse<String> yes = FakeHttp.get(url("user-center", "com.example.a", "integration"),
                "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> no = FakeHttp.get(url("finance-center", "com.example.a", "integration"),
                "Authorization", "Bearer " + TOKEN);
        assertThat(json(yes).get("integrated").asBoolean()).isTrue();
        assertThat(json(no).get("integrated").asBoolean()).isFalse();

        HttpResponse<String> first = FakeHttp.postJson(url("user-center", "com.example.a", "data-tasks"),
                "{\"appId\":\"com.example.a\"}", "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> again = FakeHttp.postJson(url("user-center", "com.example.a", "data-tasks"),
                "{\"appId\":\"com.example.a\"}", "Authorization", "Bearer " + TOKEN);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("taskId").asString()).isEqualTo(json(first).get("taskId").asString());
        assertThat(middleEnd.dataTasksCreated()).isEqualTo(1);
        assertThat(middleEnd.dataTask("user-center", "com.example.a")).isEqualTo(json(first).get("taskId").asString());
    }

    @Test
    void refusesWhatTheMiddleEndWouldRefuse() {
        assertThat(FakeHttp.get(url("user-center", "com.example.a", "integration")).statusCode()).isEqualTo(401);
        assertThat(FakeHttp.get(url("other-center", "com.example.a", "integration"), "Authorization", "Bearer " + TOKEN)
                .statusCode()).isEqualTo(404);
        assertThat(FakeHttp.postJson(url("finance-center", "com.example.a", "data-tasks"), "{\"appId\":\"com.example.a\"}",
                "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(409);
        middleEnd.integrate("finance-center", "com.example.a");
        assertThat(FakeHttp.postJson(url("finance-center", "com.example.a", "data-tasks"), "{\"appId\":\"other\"}",
                "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        assertThat(middleEnd.dataTasksCreated()).isZero();
    }
}
