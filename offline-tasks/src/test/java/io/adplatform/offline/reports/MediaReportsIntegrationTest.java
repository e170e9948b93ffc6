package io.adplatform.offline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.fakes.AdDayFigures;
import io.adplatform.fakes.MetaMarketingFake;
import io.adplatform.fakes.ReceivedRequest;
import io.adplatform.fakes.TikTokMarketingFake;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The media-reports job against the Meta and TikTok fakes, a real ClickHouse engine and a real MariaDB. */
class MediaReportsIntegrationTest extends ReportsIntegrationTestBase {

    final MetaMarketingFake meta = FAKES.metaMarketing();
    final TikTokMarketingFake tiktok = FAKES.tiktokMarketing();

    String metaAccount(String currency, String extra) {
        String id = newId();
        meta.registerAdAccount("act_" + id, "meta-token-" + id);
        putAccount("meta", "act_" + id, "{\"productId\":\"com.example.game\",\"accessToken\":\"meta-token-" + id
                + "\",\"currency\":\"" + currency + "\"" + extra + "}");
        return id;
    }

    String tiktokAccount(String currency) {
        String id = newId();
        tiktok.registerAdvertiser(id, "tt-token-" + id);
        putAccount("tiktok", id, "{\"productId\":\"id1234567890\",\"accessToken\":\"tt-token-" + id
                + "\",\"currency\":\"" + currency + "\"}");
        return id;
    }

    List<ReceivedRequest> metaRequests(String id) {
        return meta.received(r -> r.path().contains("act_" + id + "/insights"));
    }

    @Test
    void aSyncMetaPullPagesAndLandsEveryAdDay() throws Exception {
        String id = metaAccount("USD", "");
        meta.putInsights("act_" + id, new AdDayFigures("120000000000000001", "Ad one", "230000000000000001",
                        "Ad set one", "240000000000000001", "Campaign one", today.minusDays(1),
                        new BigDecimal("12.34"), 1000, 25, 4, 2))
                .putInsights("act_" + id, "120000000000000002", today.minusDays(1), new BigDecimal("1.50"), 100, 3, 1)
                .putInsights("act_" + id, "120000000000000001", today.minusDays(2), new BigDecimal("3.00"), 300, 6, 0);
        long runsBefore = meta.asyncRunCount();

        String summary = run();

        assertThat(summary).isEqualTo("accounts 1 ok, 0 backed off, 0 failed; 3 rows");
        List<JsonNode> rows = rows(id);
        assertThat(rows).hasSize(3);
        JsonNode r = rows.get(1);
        assertThat(r.path("day").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(r.path("media").asString()).isEqualTo("meta");
        assertThat(r.path("app_id").asString()).isEqualTo("com.example.game");
        assertThat(r.path("ad_id").asString()).isEqualTo("120000000000000001");
        assertThat(r.path("ad_name").asString()).isEqualTo("Ad one");
        assertThat(r.path("adset_id").asString()).isEqualTo("230000000000000001");
        assertThat(r.path("adset_name").asString()).isEqualTo("Ad set one");
        assertThat(r.path("campaign_id").asString()).isEqualTo("240000000000000001");
        assertThat(r.path("campaign_name").asString()).isEqualTo("Campaign one");
        assertThat(new BigDecimal(r.path("spend").asString())).isEqualByComparingTo("12.34");
        assertThat(new BigDecimal(r.path("spend_reporting").asString())).isEqualByComparingTo("12.34");
        assertThat(r.path("impressions").asLong()).isEqualTo(1000);
        assertThat(r.path("clicks").asLong()).isEqualTo(25);
        assertThat(r.path("installs").asLong()).isEqualTo(4);
        assertThat(r.path("conversions").asLong()).isEqualTo(2);
        List<ReceivedRequest> calls = metaRequests(id);
        assertThat(calls).hasSize(2).allMatch(ReceivedRequest::accepted);
        assertThat(calls.get(0).query()).contains("time_increment=1").contains("level=ad")
                .contains("since%22%3A%22" + today.minusDays(3)).contains("until%22%3A%22" + today);
        assertThat(calls.get(1).query()).contains("after=");
        assertThat(state("meta", id).get("last_success_at")).isNotNull();
        assertThat(meta.asyncRunCount()).isEqualTo(runsBefore);
    }

    @Test
    void aLargeMetaAccountIsPulledThroughAnAsyncReportRun() throws Exception {
        String id = metaAccount("USD", ",\"large\":true");
        meta.asyncRunningPolls(2);
        meta.putInsights("act_" + id, "120000000000000011", today.minusDays(1), new BigDecimal("5.00"), 500, 5, 2)
                .putInsights("act_" + id, "120000000000000012", today.minusDays(1), new BigDecimal("6.00"), 600, 6, 3)
                .putInsights("act_" + id, "120000000000000013", today.minusDays(1), new BigDecimal("7.00"), 700, 7, 4);
        long runsBefore = meta.asyncRunCount();

        String summary = run();

        assertThat(summary).isEqualTo("accounts 1 ok, 0 backed off, 0 failed; 3 rows");
        assertThat(meta.asyncRunCount()).isEqualTo(runsBefore + 1);
        assertThat(metaRequests(id)).extracting(ReceivedRequest::method).containsExactly("POST");
        assertThat(rows(id)).extracting(n -> n.path("installs").asLong()).containsExactly(2L, 3L, 4L);
        // two pages of the run's rows, after "Job Running" twice and "Job Completed"
        assertThat(meta.received(r -> r.path().endsWith("/insights") && !r.path().contains("act_")
                && r.accepted())).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailedAsyncRunFailsThePullAndWritesNothing() {
        String id = metaAccount("USD", ",\"large\":true");
        meta.asyncRunningPolls(0).failNextAsyncRuns(1);
        meta.putInsights("act_" + id, "120000000000000021", today.minusDays(1), new BigDecimal("5.00"), 500, 5, 2);

        assertThatThrownBy(this::run).hasMessageContaining("Job Failed");

        assertThat(rows(id)).isEmpty();
        assertThat((String) state("meta", id).get("last_error")).contains("Job Failed");
    }

    @Test
    void aRePullOfAChangedDayReplacesItsRows() throws Exception {
        String id = tiktokAccount("USD");
        tiktok.putReport(id, "1800000000000000031", today.minusDays(1), new BigDecimal("20.00"), 2000, 40, 5)
                .putReport(id, "1800000000000000032", today.minusDays(1), new BigDecimal("2.00"), 200, 4, 1)
                .putReport(id, "1800000000000000031", today.minusDays(2), new BigDecimal("8.00"), 800, 8, 2);
        assertThat(run()).isEqualTo("accounts 1 ok, 0 backed off, 0 failed; 3 rows");

        tiktok.putReport(id, "1800000000000000031", today.minusDays(1), new BigDecimal("26.50"), 2600, 52, 7);
        Thread.sleep(5);
        run();

        List<JsonNode> rows = rows(id);
        assertThat(rows).hasSize(3);
        JsonNode changed = rows.get(1);
        assertThat(changed.path("ad_id").asString()).isEqualTo("1800000000000000031");
        assertThat(new BigDecimal(changed.path("spend").asString())).isEqualByComparingTo("26.50");
        assertThat(changed.path("installs").asLong()).isEqualTo(7);
        var totals = clickHouse.query("SELECT toString(sum(spend)) AS spend, sum(installs) AS installs "
                + "FROM media_reports FINAL WHERE account_id = {a:String}", Map.of("a", id)).get(0);
        assertThat(new BigDecimal(totals.path("spend").asString())).isEqualByComparingTo("36.50");
        assertThat(totals.path("installs").asLong()).isEqualTo(10);
        // TikTok pages of 2: two pages per pull
        assertThat(tiktok.received(r -> r.path().contains("report/integrated") && r.query().contains(id)))
                .hasSize(4).allMatch(ReceivedRequest::accepted);
    }

    @Test
    void aThrottledAccountIsBackedOffWhileTheOthersLand() throws Exception {
        String throttled = metaAccount("USD", "");
        String fine = tiktokAccount("USD");
        meta.putInsights("act_" + throttled, "120000000000000041", today.minusDays(1), new BigDecimal("1.00"), 10, 1, 0);
        tiktok.putReport(fine, "1800000000000000041", today.minusDays(1), new BigDecimal("4.00"), 40, 4, 1);
        meta.throttleInsights("act_" + throttled, 1, 0);
        Instant before = Instant.now();

        String first = run();

        assertThat(first).isEqualTo("accounts 1 ok, 1 backed off, 0 failed; 1 rows");
        assertThat(rows(fine)).hasSize(1);
        assertThat(rows(throttled)).isEmpty();
        Map<String, Object> s = state("meta", throttled);
        assertThat(((Number) s.get("throttles")).intValue()).isEqualTo(1);
        assertThat((String) s.get("last_error")).contains("80000");
        Instant next = nextAttemptAt("meta", throttled);
        assertThat(next).isBetween(before.plus(Duration.ofMinutes(4)), before.plus(Duration.ofMinutes(6)));
        int calls = metaRequests(throttled).size();

        String second = run();

        assertThat(second).isEqualTo("accounts 1 ok, 1 backed off, 0 failed; 1 rows");
        assertThat(metaRequests(throttled)).hasSize(calls);
    }

    @Test
    void anAnnouncedWaitAndTikTokRateLimitsBackOffToo() throws Exception {
        String metaId = metaAccount("USD", "");
        String ttId = tiktokAccount("USD");
        meta.throttleInsights("act_" + metaId, 1, 120);
        tiktok.throttleReports(ttId, 1);
        Instant before = Instant.now();

        String summary = run();

        assertThat(summary).startsWith("accounts 0 ok, 2 backed off, 0 failed");
        Instant metaNext = nextAttemptAt("meta", metaId);
        assertThat(metaNext).isAfter(before.plus(Duration.ofMinutes(119)));
        assertThat((String) state("tiktok", ttId).get("last_error")).contains("40100");
    }

    @Test
    void highUsageWhilePagingBacksOffWithoutWriting() throws Exception {
        String id = metaAccount("USD", "");
        meta.insightsUsage("act_" + id, 97, 0);
        for (int i = 0; i < 3; i++) {
            meta.putInsights("act_" + id, "12000000000000005" + i, today.minusDays(1), BigDecimal.ONE, 10, 1, 0);
        }

        String summary = run();

        assertThat(summary).startsWith("accounts 0 ok, 1 backed off");
        assertThat(rows(id)).isEmpty();
        assertThat(metaRequests(id)).hasSize(1);
    }

    @Test
    void spendIsConvertedWithTheDaysRateOrTheLatestEarlierOne() throws Exception {
        String id = metaAccount("EUR", "");
        assertThat(api.put("/fx-rates/" + today.minusDays(2), "{\"rates\":{\"EUR\":1.10}}").status()).isEqualTo(200);
        meta.putInsights("act_" + id, "120000000000000061", today.minusDays(2), new BigDecimal("10.00"), 100, 1, 0)
                .putInsights("act_" + id, "120000000000000061", today.minusDays(1), new BigDecimal("20.00"), 200, 2, 0);

        assertThat(run()).isEqualTo("accounts 1 ok, 0 backed off, 0 failed; 2 rows");

        List<JsonNode> rows = rows(id);
        assertThat(rows).extracting(n -> n.path("currency").asString()).containsOnly("EUR");
        assertThat(new BigDecimal(rows.get(0).path("spend_reporting").asString())).isEqualByComparingTo("11.00");
        // no rate for yesterday: the day before's
        assertThat(new BigDecimal(rows.get(1).path("spend_reporting").asString())).isEqualByComparingTo("22.00");
    }

    @Test
    void aMissingRateFailsThoseDaysWritesNoZeroAndTheyArePulledAgainOnceTheRateArrives() throws Exception {
        String id = metaAccount("CHF", ",\"timezone\":\"UTC\"");
        String other = tiktokAccount("USD");
        tiktok.putReport(other, "1800000000000000071", today.minusDays(1), new BigDecimal("1.00"), 10, 1, 0);
        meta.putInsights("act_" + id, "120000000000000071", today.minusDays(1), new BigDecimal("10.00"), 100, 1, 0);

        String first = run();

        assertThat(first).startsWith("accounts 1 ok, 0 backed off, 1 failed; 1 rows").contains("no FX rate CHF");
        assertThat(rows(id)).isEmpty();
        assertThat((String) state("meta", id).get("last_error")).contains("no FX rate CHF→USD for "
                + today.minusDays(1));
        JsonNode view = api.get("/report-accounts/meta/" + id).json();
        assertThat(view.at("/pullState/pendingDays").has(today.minusDays(1).toString())).isTrue();

        // the day leaves the window of a narrower run, but stays pending
        api.put("/fx-rates/" + today.minusDays(1), "{\"rates\":{\"CHF\":1.25}}");
        run(Map.of("days", "0"));

        List<JsonNode> rows = rows(id);
        assertThat(rows).hasSize(1);
        assertThat(new BigDecimal(rows.get(0).path("spend_reporting").asString())).isEqualByComparingTo("12.50");
        assertThat(api.get("/report-accounts/meta/" + id).json().at("/pullState/pendingDays").size()).isZero();
        assertThat(state("meta", id).get("last_error")).isNull();
    }

    @Test
    void aManualRunPullsTheGivenRangeOfTheNamedAccountOnly() throws Exception {
        String id = tiktokAccount("USD");
        String other = tiktokAccount("USD");
        tiktok.putReport(id, "1800000000000000081", today.minusDays(10), new BigDecimal("3.00"), 30, 3, 1)
                .putReport(other, "1800000000000000082", today.minusDays(1), new BigDecimal("3.00"), 30, 3, 1);

        String summary = run(Map.of("from", today.minusDays(12).toString(), "to", today.minusDays(9).toString(),
                "account", "tiktok/" + id));

        assertThat(summary).isEqualTo("accounts 1 ok, 0 backed off, 0 failed; 1 rows");
        assertThat(rows(id)).extracting(n -> n.path("day").asString()).containsExactly(today.minusDays(10).toString());
        assertThat(rows(other)).isEmpty();
        assertThatThrownBy(() -> run(Map.of("from", "yesterday"))).hasMessageContaining("from")
                .hasMessageContaining("to");
    }
}
