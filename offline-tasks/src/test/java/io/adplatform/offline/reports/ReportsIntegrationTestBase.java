package io.adplatform.offline.reports;

import io.adplatform.offline.scheduler.JobRun;
import io.adplatform.offline.support.IntegrationTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service with the media report pullers pointed at the partner fakes; pages of 2 rows so that paging is
 * exercised with a handful of rows, async report runs polled every 10 ms. Every test starts without report accounts.
 */
abstract class ReportsIntegrationTestBase extends IntegrationTestBase {

    @DynamicPropertySource
    static void reportProperties(DynamicPropertyRegistry r) {
        r.add("adplatform.reports.meta.base-url", FAKES::metaBaseUrl);
        r.add("adplatform.reports.tiktok.base-url", FAKES::tiktokBaseUrl);
        r.add("adplatform.reports.meta.page-size", () -> "2");
        r.add("adplatform.reports.tiktok.page-size", () -> "2");
        r.add("adplatform.reports.meta.async-poll-interval", () -> "10ms");
    }

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MediaReportsJob job;

    protected final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void noAccounts() {
        jdbc.sql("DELETE FROM report_account_day").update();
        jdbc.sql("DELETE FROM report_account").update();
    }

    static String newId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 9_000_000_000_000_000L));
    }

    protected String run() throws Exception {
        return run(Map.of());
    }

    protected String run(Map<String, String> params) throws Exception {
        return job.run(new JobRun(1, MediaReportsJob.NAME, "MANUAL", Instant.now(), params));
    }

    protected void putAccount(String media, String id, String json) {
        var answer = api.put("/report-accounts/" + media + "/" + id, json);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(answer.status() + " " + answer.body());
        }
    }

    protected List<JsonNode> rows(String accountId) {
        return clickHouse.query("SELECT toString(day) AS day, media, app_id, campaign_id, campaign_name, adset_id, "
                + "adset_name, ad_id, ad_name, currency, toString(spend) AS spend, "
                + "toString(spend_reporting) AS spend_reporting, impressions, clicks, installs, conversions "
                + "FROM media_reports FINAL WHERE account_id = {a:String} ORDER BY day, ad_id", Map.of("a", accountId));
    }

    protected Instant nextAttemptAt(String media, String id) {
        Object at = state(media, id).get("next_attempt_at");
        return at == null ? null : at instanceof java.sql.Timestamp t ? t.toLocalDateTime().toInstant(ZoneOffset.UTC)
                : ((java.time.LocalDateTime) at).toInstant(ZoneOffset.UTC);
    }

    protected Map<String, Object> state(String media, String id) {
        return jdbc.sql("SELECT throttles, next_attempt_at, last_success_at, last_error, last_rows FROM report_account "
                + "WHERE media = ? AND account_id = ?").params(media, id).query().singleRow();
    }
}
