package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.adplatform.offline.clickhouse.ClickHouseMigrations;
import io.adplatform.offline.clickhouse.ClickHouseProperties;
import io.adplatform.offline.support.ClickHouseTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * V3's backfill: data stored before the dashboard roll-ups existed is copied into them from the V1 roll-ups, once.
 * Simulated on a real engine by emptying the dashboard roll-ups after the known events went in, then running V3's
 * INSERT statements as the migration does.
 */
class DashboardRollupsBackfillTest {

    static final ClickHouse CH = new ClickHouse(new ClickHouseProperties(URI.create(ClickHouseTestServer.url()),
            ClickHouseTestServer.newDatabase(), null, null, null, null), JsonMapper.builder().build());
    static final List<String> TABLES = List.of("dashboard_dsp_days");

    static List<String> backfills() {
        try (InputStream in = DashboardRollupsBackfillTest.class.getResourceAsStream(
                "/db/clickhouse/V3__dashboard_rollups.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String withoutComments = String.join("\n", text.lines().filter(l -> !l.strip().startsWith("--")).toList());
            return Arrays.stream(withoutComments.split(";\\s*\n")).map(String::strip)
                    .filter(s -> s.startsWith("INSERT INTO dashboard_")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long rows(String table) {
        return CH.query("SELECT count() AS n FROM " + table, Map.of()).get(0).path("n").asLong();
    }

    @Test
    void v3CopiesWhatTheV1RollupsHoldOnceAndTheDashboardsAnswerTheSame() {
        new ClickHouseMigrations(CH, DashboardsIntegrationTest.NOV_20).migrate();
        DashboardsIntegrationTest.loadEvents(CH);
        Dashboards dashboards = new Dashboards(CH, "USD", DashboardsIntegrationTest.NOV_20);
        Dashboards v1Only = new Dashboards(CH, "USD", DashboardsIntegrationTest.NOV_20, false);
        DashboardQuery all = DashboardsIntegrationTest.query(List.of("appA", "appB"));
        DashboardQuery us = DashboardsIntegrationTest.query(List.of("appA", "appB"), DashboardsIntegrationTest.NOV_1,
                DashboardsIntegrationTest.NOV_10, List.of(), List.of(), List.of("US"));
        DashboardQuery dsp = new DashboardQuery(List.of("appA"), DashboardsIntegrationTest.NOV_1,
                DashboardsIntegrationTest.NOV_10, List.of(), List.of(), List.of(), List.of(), List.of());
        var expectedAll = v1Only.products(all);
        var expectedUs = v1Only.products(us);
        var expectedDsp = v1Only.dsp(dsp);
        assertThat(expectedAll.totals().newDevices()).isEqualTo(4);
        assertThat(expectedDsp.totals().bids()).isEqualTo(5);

        // as if the events had been stored before V3: the dashboard roll-ups are empty
        TABLES.forEach(t -> CH.execute("TRUNCATE TABLE " + t));
        assertThat(dashboards.dsp(dsp).totals().bids()).isZero();
        List<String> backfills = backfills();
        assertThat(backfills).hasSize(1);

        backfills.forEach(CH::execute);
        assertThat(dashboards.products(all)).isEqualTo(expectedAll);
        assertThat(dashboards.products(us)).isEqualTo(expectedUs);
        assertThat(dashboards.dsp(dsp)).isEqualTo(expectedDsp);

        // applied again (a start that died after the backfill re-runs the file): the guard leaves the tables alone
        long[] before = TABLES.stream().mapToLong(DashboardRollupsBackfillTest::rows).toArray();
        backfills.forEach(CH::execute);
        assertThat(TABLES.stream().mapToLong(DashboardRollupsBackfillTest::rows).toArray()).isEqualTo(before);
        assertThat(dashboards.dsp(dsp)).isEqualTo(expectedDsp);
    }
}
