package io.adplatform.offline.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.adplatform.offline.dashboards.DashboardRequests.Params;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardRequestsTest {

    final DashboardRequests requests = new DashboardRequests(new DashboardsProperties(null, 3, 31, 2, null, null, null, null, null, null));

    static Params params(List<String> products, String from, String to) {
        return new Params(products, from, to, null, null, null, null, null);
    }

    List<String> fieldsAtFault(Params p) {
        try {
            requests.parse(p);
        } catch (ApiProblem e) {
            assertThat(e.status().value()).isEqualTo(400);
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("accepted: " + p);
    }

    @Test
    void acceptsRepeatedAndCommaSeparatedListsAndNormalisesThem() {
        DashboardQuery q = requests.parse(new Params(List.of("appA,appB", "appA", " "), "2026-11-01", "2026-12-01",
                List.of("Meta", "tiktok"), List.of("summer sale"), List.of("us,DE"), null, null));
        assertThat(q.products()).containsExactly("appA", "appB");
        assertThat(q.mediaSources()).containsExactly("meta", "tiktok");
        assertThat(q.campaigns()).containsExactly("summer sale");
        assertThat(q.countries()).containsExactly("US", "DE");
        assertThat(q.from()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(q.days()).isEqualTo(31);
    }

    @Test
    void refusesBadInputNamingTheField() {
        assertThat(fieldsAtFault(params(null, "2026-11-01", "2026-11-02"))).containsExactly("products");
        assertThat(fieldsAtFault(params(List.of(" , "), "2026-11-01", "2026-11-02"))).containsExactly("products");
        assertThat(fieldsAtFault(params(List.of("a,b,c,d"), "2026-11-01", "2026-11-02"))).containsExactly("products");
        assertThat(fieldsAtFault(params(List.of("o'neil"), "2026-11-01", "2026-11-02"))).containsExactly("products");
        assertThat(fieldsAtFault(params(List.of("a\\b"), "2026-11-01", "2026-11-02"))).containsExactly("products");
        assertThat(fieldsAtFault(params(List.of("a"), "2026-13-01", "2026-11-02"))).containsExactly("from");
        assertThat(fieldsAtFault(params(List.of("a"), "2026-11-01", null))).containsExactly("to");
        assertThat(fieldsAtFault(params(List.of("a"), "2026-11-03", "2026-11-02"))).containsExactly("from");
        assertThat(fieldsAtFault(params(List.of("a"), "2026-11-01", "2026-12-02"))).containsExactly("to");
        assertThat(fieldsAtFault(new Params(List.of("a"), "2026-11-01", "2026-11-02", null, null, List.of("USA"),
                null, null))).containsExactly("country");
        assertThat(fieldsAtFault(new Params(List.of("a"), "2026-11-01", "2026-11-02", null, List.of("x,y,z"),
                null, null, null))).containsExactly("campaign");
        assertThat(fieldsAtFault(new Params(null, "x", "2026-11-02", null, null, null, List.of("e\u0001"), null)))
                .containsExactly("products", "from", "exchange");
    }

    @Test
    void arrayParametersAreClickHouseLiteralsAndUnsafeValuesNeverReachThem() {
        assertThat(DashboardSql.array(List.of("a", "b c"))).isEqualTo("['a','b c']");
        assertThat(DashboardSql.array(List.of())).isEqualTo("[]");
        assertThatThrownBy(() -> DashboardSql.array(List.of("x'y"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCohortWindowIsOverWhenItsLastDayIsBeforeToday() {
        LocalDate today = LocalDate.parse("2026-11-20");
        assertThat(DashboardSql.lastElapsed(today, 0)).isEqualTo("2026-11-19");
        assertThat(DashboardSql.lastElapsed(today, 1)).isEqualTo("2026-11-18");
        assertThat(DashboardSql.lastElapsed(today, 7)).isEqualTo("2026-11-12");
    }
}
