package io.adplatform.offline.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.offline.clickhouse.ClickHouse;
import io.adplatform.offline.clickhouse.ClickHouseMigrations;
import io.adplatform.offline.clickhouse.ClickHouseProperties;
import io.adplatform.offline.support.ClickHouseTestServer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TabSeparated as ClickHouse reads it: every odd character comes back as written. */
class RowWriterTest {

    private static final List<String> ODD = List.of("plain", "", "tab\there", "line\nfeed", "cr\rlf", "back\\slash",
            "nul\0byte", "\b\f", "quote'\"", "ümlaut", "日本語", "emoji 😀", "\\N", "trailing\\", "ctl\u0001");

    @Test
    void oddStringsNumbersTimesAndNullsRoundTripThroughClickHouse() {
        ClickHouse ch = new ClickHouse(new ClickHouseProperties(URI.create(ClickHouseTestServer.url()),
                ClickHouseTestServer.newDatabase(), null, null, null, null), JsonMapper.builder().build());
        new ClickHouseMigrations(ch, Clock.systemUTC()).migrate();
        ch.execute("CREATE TABLE odd (i UInt32, s String, n Nullable(UInt16), t Nullable(DateTime64(3, 'UTC')), "
                + "d Decimal(18, 6)) ENGINE = MergeTree ORDER BY i");
        RowWriter w = new RowWriter(List.of("i", "s", "n", "t", "d"));
        for (int i = 0; i < ODD.size(); i++) {
            w.beginRow();
            w.number("i", i).string("s", ODD.get(i)).nullableNumber("n", i % 2 == 0 ? null : i)
                    .time("t", i % 3 == 0 ? null : Instant.parse("2026-02-03T04:05:06.007Z").plusSeconds(i))
                    .decimal("d", new BigDecimal("-12.345678"));
            w.endRow();
        }
        ch.insert("odd", List.of("i", "s", "n", "t", "d"), "TabSeparated", w.finish(), Map.of());
        List<JsonNode> rows = ch.query("SELECT i, s, n, toString(t) AS t, toString(d) AS d FROM odd ORDER BY i", Map.of());
        assertThat(rows).hasSize(ODD.size());
        for (int i = 0; i < ODD.size(); i++) {
            JsonNode r = rows.get(i);
            assertThat(r.path("s").asString()).as("row %d", i).isEqualTo(ODD.get(i));
            assertThat(r.path("n").isNull()).isEqualTo(i % 2 == 0);
            assertThat(r.path("t").isNull()).isEqualTo(i % 3 == 0);
            if (i % 3 != 0) {
                assertThat(r.path("t").asString()).isEqualTo(String.format("2026-02-03 04:05:%02d.007", 6 + i));
            }
            assertThat(r.path("d").asString()).isEqualTo("-12.345678");
        }
    }

    @Test
    void aValueForAnotherColumnThanTheNextOneIsRefused() {
        RowWriter w = new RowWriter(List.of("a", "b"));
        w.beginRow();
        w.string("a", "x");
        assertThatThrownBy(() -> w.string("c", "y")).hasMessageContaining("column c written where b belongs");
        RowWriter short_ = new RowWriter(List.of("a", "b"));
        short_.beginRow();
        short_.string("a", "x");
        assertThatThrownBy(short_::endRow).hasMessageContaining("after 1 of 2 columns");
    }
}
