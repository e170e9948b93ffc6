package io.adplatform.offline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.offline.support.ClickHouseTestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClickHouseMigrationsIntegrationTest {

    private final ClickHouse clickHouse = new ClickHouse(new ClickHouseProperties(URI.create(ClickHouseTestServer.url()),
            ClickHouseTestServer.newDatabase(), null, null, null, null), JsonMapper.builder().build());
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void appliesEveryVersionOnceAndRecordsIt() {
        ClickHouseMigrations migrations = new ClickHouseMigrations(clickHouse, clock);
        List<Integer> first = migrations.migrate();
        assertThat(first).isNotEmpty().isSorted();
        assertThat(migrations.migrate()).isEmpty();
        assertThat(clickHouse.query("SELECT version, applied_at FROM schema_migrations ORDER BY version", Map.of()))
                .extracting(r -> r.path("version").asInt()).containsExactlyElementsOf(first);
        assertThat(clickHouse.query("SELECT name FROM system.tables WHERE database = {db:String}",
                Map.of("db", clickHouse.database()))).extracting(r -> r.path("name").asString())
                .contains("sdk_events", "attribution_events", "callback_results", "bid_events", "tracking_clicks",
                        "media_reports", "fx_rates", "daily_product_stats", "daily_dsp_stats", "daily_cohort_stats",
                        "daily_callback_stats");
    }

    @Test
    void refusesAnAppliedMigrationThatChanged() {
        new ClickHouseMigrations(clickHouse, clock).migrate();
        clickHouse.execute("ALTER TABLE schema_migrations UPDATE checksum = 'edited' WHERE version = 1 "
                + "SETTINGS mutations_sync = 1");
        assertThatThrownBy(() -> new ClickHouseMigrations(clickHouse, clock).migrate())
                .hasMessageContaining("V1").hasMessageContaining("changed after it was applied");
    }

    @Test
    void aReplayedBatchWithTheSameTokenCountsOnceInTablesAndRollUps() {
        new ClickHouseMigrations(clickHouse, clock).migrate();
        byte[] rows = """
                {"event_id":"e1","type":"WIN","bid_id":"b1","campaign_id":"c1","price_micros":1500000,"currency":"USD","country":"US","at":"2026-11-20 09:00:00.000"}
                {"event_id":"e2","type":"BID","bid_id":"b2","campaign_id":"c1","price_micros":2000000,"currency":"USD","country":"US","at":"2026-11-20 09:00:01.000"}
                """.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            clickHouse.insert("bid_events", List.of(), "JSONEachRow", rows, Map.of("insert_deduplication_token", "bid-events-0-0-2"));
        }
        assertThat(clickHouse.query("SELECT count() AS n FROM bid_events", Map.of()).get(0).path("n").asLong()).isEqualTo(2);
        var stats = clickHouse.query("SELECT sum(bids) AS bids, sum(wins) AS wins, sum(win_price_cpm_micros) AS spend "
                + "FROM daily_dsp_stats WHERE campaign_id = {c:String}", Map.of("c", "c1")).get(0);
        assertThat(stats.path("bids").asLong()).isEqualTo(1);
        assertThat(stats.path("wins").asLong()).isEqualTo(1);
        assertThat(stats.path("spend").asLong()).isEqualTo(1_500_000);
    }

    @Test
    void reportsClickHouseErrorsWithTheirCode() {
        assertThatThrownBy(() -> clickHouse.query("SELECT 1", Map.of()))
                .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(81));
        new ClickHouseMigrations(clickHouse, clock).migrate();
        assertThatThrownBy(() -> clickHouse.query("SELECT * FROM no_such_table", Map.of()))
                .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(60));
    }

    @Test
    void splitsStatementsAtLineEndSemicolonsAndSkipsComments() {
        assertThat(ClickHouseMigrations.statements("-- c\nCREATE TABLE a (x String DEFAULT ';');\n\nSELECT 1;\nSELECT 2"))
                .containsExactly("CREATE TABLE a (x String DEFAULT ';')", "SELECT 1", "SELECT 2");
    }
}
