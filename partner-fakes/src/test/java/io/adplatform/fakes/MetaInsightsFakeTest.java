package io.adplatform.fakes;

import static io.adplatform.fakes.FakeHttp.form;
import static io.adplatform.fakes.FakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Meta Insights (sync, paging, async report runs, throttling) over real HTTP. */
class MetaInsightsFakeTest {

    static final String ACCOUNT = "act_3000000000000003";
    static final String TOKEN = "insights-token";
    static final LocalDate D1 = LocalDate.parse("2026-11-18");
    static final LocalDate D2 = LocalDate.parse("2026-11-19");
    static final String FIELDS = "campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,spend,impressions,clicks,actions";
    static final String RANGE = "{\"since\":\"2026-11-18\",\"until\":\"2026-11-19\"}";

    static PartnerFakes fakes;
    static MetaMarketingFake meta;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        meta = fakes.metaMarketing();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        meta.registerAdAccount(ACCOUNT, TOKEN).registerAdAccount("act_4000000000000004", "other-token");
        meta.putInsights(ACCOUNT, "120000000000000001", D1, new BigDecimal("10.50"), 1000, 20, 3)
                .putInsights(ACCOUNT, "120000000000000002", D1, new BigDecimal("1.00"), 100, 1, 0)
                .putInsights(ACCOUNT, AdDayFigures.of("120000000000000001", D2, new BigDecimal("7.25"), 700, 7, 1)
                        .withConversions(2))
                .putInsights(ACCOUNT, "120000000000000003", D2, BigDecimal.ZERO, 0, 0, 0);
    }

    static String url(String path, String... query) {
        return fakes.metaBaseUrl() + "/v21.0/" + path + "?" + form(query);
    }

    static HttpResponse<String> sync(String token, String... extra) {
        String[] q = {"level", "ad", "fields", FIELDS, "time_range", RANGE, "time_increment", "1", "access_token", token};
        String[] all = new String[q.length + extra.length];
        System.arraycopy(q, 0, all, 0, q.length);
        System.arraycopy(extra, 0, all, q.length, extra.length);
        return FakeHttp.get(url(ACCOUNT + "/insights", all));
    }

    @Test
    void answersPerAdPerDayRowsWithInstallsAsActionsAndLeavesOutAdsThatDidNotDeliver() {
        HttpResponse<String> r = sync(TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = json(r).get("data");
        assertThat(data).hasSize(3);
        JsonNode first = data.get(0);
        assertThat(first.get("ad_id").asString()).isEqualTo("120000000000000001");
        assertThat(first.get("date_start").asString()).isEqualTo("2026-11-18");
        assertThat(first.get("date_stop").asString()).isEqualTo("2026-11-18");
        assertThat(first.get("spend").asString()).isEqualTo("10.50");
        assertThat(first.get("impressions").asString()).isEqualTo("1000");
        assertThat(first.get("actions").get(0).get("action_type").asString()).isEqualTo("mobile_app_install");
        assertThat(first.get("actions").get(0).get("value").asString()).isEqualTo("3");
        assertThat(data.get(1).has("actions")).isFalse();
        assertThat(data.get(2).get("actions")).hasSize(2);
        assertThat(r.headers().firstValue("X-Business-Use-Case-Usage")).get().asString().contains("ads_insights");
        assertThat(json(r).at("/paging/next").isMissingNode()).isTrue();
    }

    @Test
    void pagesWithTheAfterCursorAndANextLinkWhileRowsRemain() {
        JsonNode page1 = json(sync(TOKEN, "limit", "2"));
        assertThat(page1.get("data")).hasSize(2);
        assertThat(page1.at("/paging/next").asString()).contains("after=");
        String after = page1.at("/paging/cursors/after").asString();

        JsonNode page2 = json(sync(TOKEN, "limit", "2", "after", after));

        assertThat(page2.get("data")).hasSize(1);
        assertThat(page2.get("data").get(0).get("date_start").asString()).isEqualTo("2026-11-19");
        assertThat(page2.at("/paging/next").isMissingNode()).isTrue();
    }

    @Test
    void reseededFiguresReplaceTheDay() {
        meta.putInsights(ACCOUNT, "120000000000000001", D1, new BigDecimal("12.00"), 1200, 22, 4);

        JsonNode first = json(sync(TOKEN)).get("data").get(0);

        assertThat(first.get("spend").asString()).isEqualTo("12.00");
        assertThat(first.get("actions").get(0).get("value").asString()).isEqualTo("4");
    }

    @Test
    void refusesWhatGraphRefuses() {
        assertThat(code(FakeHttp.get(url(ACCOUNT + "/insights", "level", "ad", "time_range", RANGE,
                "time_increment", "1")))).isEqualTo(2500);
        assertThat(code(sync("other-token"))).isEqualTo(100);
        assertThat(sync("unknown-token").statusCode()).isEqualTo(400);
        assertThat(json(FakeHttp.get(url(ACCOUNT + "/insights", "level", "creative", "fields", FIELDS, "time_range",
                RANGE, "time_increment", "1", "access_token", TOKEN))).at("/error/message").asString())
                .contains("level");
        assertThat(json(FakeHttp.get(url(ACCOUNT + "/insights", "level", "ad", "fields", "spend,bogus", "time_range",
                RANGE, "time_increment", "1", "access_token", TOKEN))).at("/error/message").asString())
                .contains("fields[1]");
        assertThat(json(FakeHttp.get(url(ACCOUNT + "/insights", "level", "ad", "fields", FIELDS, "time_range",
                "{\"since\":\"2026-11-20\",\"until\":\"2026-11-19\"}", "time_increment", "1", "access_token", TOKEN)))
                .at("/error/message").asString()).contains("time_range");
        assertThat(json(FakeHttp.get(url(ACCOUNT + "/insights", "level", "ad", "fields", FIELDS, "time_range",
                "{\"since\":\"18.11.2026\",\"until\":\"2026-11-19\"}", "time_increment", "1", "access_token", TOKEN)))
                .at("/error/message").asString()).contains("YYYY-MM-DD");
        assertThat(code(sync(TOKEN, "after", "not-a-cursor"))).isEqualTo(100);
        assertThat(meta.refused()).extracting(ReceivedRequest::reason).contains("access_token missing",
                "level invalid: creative", "field unknown: bogus", "time_range since > until");
    }

    @Test
    void scriptedThrottlingAnswersCode80000WithTheUsageHeaderThenRecovers() {
        meta.throttleInsights(ACCOUNT, 1, 7);

        HttpResponse<String> throttled = sync(TOKEN);
        HttpResponse<String> next = sync(TOKEN);

        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(code(throttled)).isEqualTo(80000);
        assertThat(throttled.headers().firstValue("X-Business-Use-Case-Usage")).get().asString()
                .contains("\"estimated_time_to_regain_access\":7").contains("\"call_count\":100");
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void stickyUsageShowsInTheHeaders() {
        meta.insightsUsage(ACCOUNT, 95, 0);

        HttpResponse<String> r = sync(TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Ad-Account-Usage")).get().asString().contains("\"acc_id_util_pct\":95");
    }

    @Test
    void asyncReportRunRunsThenCompletesThenServesItsRowsPaged() {
        meta.asyncRunningPolls(2);
        HttpResponse<String> created = FakeHttp.postForm(url(ACCOUNT + "/insights"), form("level", "ad", "fields",
                FIELDS, "time_range", RANGE, "time_increment", "1", "access_token", TOKEN));
        assertThat(created.statusCode()).isEqualTo(200);
        String runId = json(created).get("report_run_id").asString();

        HttpResponse<String> early = FakeHttp.get(url(runId + "/insights", "access_token", TOKEN));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(status(runId)).isEqualTo("Job Running");
        assertThat(status(runId)).isEqualTo("Job Running");
        assertThat(status(runId)).isEqualTo("Job Completed");
        assertThat(FakeHttp.get(url(runId, "access_token", "other-token")).statusCode()).isEqualTo(400);

        JsonNode page1 = json(FakeHttp.get(url(runId + "/insights", "limit", "2", "access_token", TOKEN)));
        JsonNode page2 = json(FakeHttp.get(url(runId + "/insights", "limit", "2", "after",
                page1.at("/paging/cursors/after").asString(), "access_token", TOKEN)));

        assertThat(page1.get("data")).hasSize(2);
        assertThat(page2.get("data")).hasSize(1);
        assertThat(meta.asyncRunCount()).isEqualTo(1);
    }

    @Test
    void aScriptedAsyncRunFails() {
        meta.asyncRunningPolls(0).failNextAsyncRuns(1);
        String runId = json(FakeHttp.postForm(url(ACCOUNT + "/insights"), form("level", "ad", "fields", FIELDS,
                "time_range", RANGE, "time_increment", "1", "access_token", TOKEN))).get("report_run_id").asString();

        assertThat(status(runId)).isEqualTo("Job Failed");
        assertThat(FakeHttp.get(url(runId + "/insights", "access_token", TOKEN)).statusCode()).isEqualTo(400);
    }

    static String status(String runId) {
        return json(FakeHttp.get(url(runId, "access_token", TOKEN))).get("async_status").asString();
    }

    static int code(HttpResponse<String> r) {
        return json(r).at("/error/code").asInt();
    }
}
