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

/** TikTok {@code report/integrated/get/} over real HTTP. */
class TikTokReportsFakeTest {

    static final String ADVERTISER = "7000000000000000042";
    static final String TOKEN = "tt-report-token";
    static final LocalDate D1 = LocalDate.parse("2026-11-18");
    static final LocalDate D2 = LocalDate.parse("2026-11-19");
    static final String METRICS = "[\"spend\",\"impressions\",\"clicks\",\"app_install\",\"conversion\",\"campaign_id\","
            + "\"campaign_name\",\"adgroup_id\",\"adgroup_name\",\"ad_name\"]";

    static PartnerFakes fakes;
    static TikTokMarketingFake tiktok;

    @BeforeAll
    static void start() {
        fakes = PartnerFakes.builder().clock(FakeRequests.CLOCK).start();
        tiktok = fakes.tiktokMarketing();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @BeforeEach
    void setUp() {
        fakes.reset();
        tiktok.registerAdvertiser(ADVERTISER, TOKEN).registerAdvertiser("7000000000000000043", "other-token");
        tiktok.putReport(ADVERTISER, "1800000000000000001", D1, new BigDecimal("20.00"), 2000, 40, 5)
                .putReport(ADVERTISER, "1800000000000000002", D1, new BigDecimal("2.00"), 200, 2, 0)
                .putReport(ADVERTISER, AdDayFigures.of("1800000000000000001", D2, new BigDecimal("9.99"), 999, 9, 2)
                        .withConversions(1));
    }

    static HttpResponse<String> report(String token, String... overrides) {
        String[] base = {"advertiser_id", ADVERTISER, "report_type", "BASIC", "data_level", "AUC_AD", "dimensions",
                "[\"ad_id\",\"stat_time_day\"]", "metrics", METRICS, "start_date", "2026-11-18", "end_date",
                "2026-11-19", "page", "1", "page_size", "1000"};
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            for (int j = 0; j < base.length; j += 2) {
                if (base[j].equals(overrides[i])) {
                    base[j + 1] = overrides[i + 1];
                }
            }
        }
        return FakeHttp.get(fakes.tiktokBaseUrl() + "/open_api/v1.3/report/integrated/get/?" + form(base),
                "Access-Token", token);
    }

    @Test
    void answersPerAdPerDayRowsInTheEnvelope() {
        JsonNode body = json(report(TOKEN));

        assertThat(body.get("code").asInt()).isZero();
        JsonNode list = body.at("/data/list");
        assertThat(list).hasSize(3);
        assertThat(list.get(0).at("/dimensions/ad_id").asString()).isEqualTo("1800000000000000001");
        assertThat(list.get(0).at("/dimensions/stat_time_day").asString()).isEqualTo("2026-11-18 00:00:00");
        assertThat(list.get(0).at("/metrics/spend").asString()).isEqualTo("20.00");
        assertThat(list.get(0).at("/metrics/app_install").asString()).isEqualTo("5");
        assertThat(list.get(0).at("/metrics/campaign_id").asString()).isNotBlank();
        assertThat(list.get(2).at("/metrics/conversion").asString()).isEqualTo("1");
        assertThat(body.at("/data/page_info/total_number").asInt()).isEqualTo(3);
        assertThat(body.at("/data/page_info/total_page").asInt()).isEqualTo(1);
    }

    @Test
    void pages() {
        JsonNode p1 = json(report(TOKEN, "page_size", "2"));
        JsonNode p2 = json(report(TOKEN, "page_size", "2", "page", "2"));

        assertThat(p1.at("/data/list")).hasSize(2);
        assertThat(p2.at("/data/list")).hasSize(1);
        assertThat(p2.at("/data/page_info/total_page").asInt()).isEqualTo(2);
    }

    @Test
    void refusesWhatTikTokRefuses() {
        assertThat(json(report("other-token")).get("code").asInt()).isEqualTo(40001);
        assertThat(json(report("nope")).get("code").asInt()).isEqualTo(40105);
        assertThat(json(report(TOKEN, "page_size", "1001")).get("message").asString()).contains("page_size");
        assertThat(json(report(TOKEN, "start_date", "2026/11/18")).get("code").asInt()).isEqualTo(40002);
        assertThat(json(report(TOKEN, "start_date", "2026-10-01")).get("message").asString()).contains("30 days");
        assertThat(json(report(TOKEN, "report_type", "WEIRD")).get("message").asString()).contains("report_type");
        assertThat(json(report(TOKEN, "data_level", "AUC_NOPE")).get("message").asString()).contains("data_level");
        assertThat(json(report(TOKEN, "metrics", "[\"spend\",\"bogus\"]")).get("message").asString()).contains("bogus");
        assertThat(json(report(TOKEN, "dimensions", "[\"stat_time_day\"]")).get("message").asString())
                .contains("dimensions");
        assertThat(tiktok.accepted()).isEmpty();
    }

    @Test
    void scriptedRateLimitAnswersCode40100ForThatAdvertiserOnly() {
        tiktok.throttleReports(ADVERTISER, 1);

        assertThat(json(report(TOKEN)).get("code").asInt()).isEqualTo(40100);
        assertThat(json(report(TOKEN)).get("code").asInt()).isZero();
    }

    @Test
    void reseededFiguresReplaceTheDay() {
        tiktok.putReport(ADVERTISER, "1800000000000000001", D1, new BigDecimal("25.00"), 2500, 50, 6);

        assertThat(json(report(TOKEN)).at("/data/list/0/metrics/spend").asString()).isEqualTo("25.00");
    }
}
