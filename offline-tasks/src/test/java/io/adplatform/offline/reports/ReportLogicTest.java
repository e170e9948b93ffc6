package io.adplatform.offline.reports;

import io.adplatform.common.secrets.TokenCipher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.offline.reports.meta.MetaUsage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Days to pull, back-off, Meta usage headers and token sealing: the logic without I/O. */
class ReportLogicTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    @Test
    void aScheduledRunPullsTheLastNCompletedDaysAndToday() {
        assertThat(PullRequest.scheduled().days(TODAY, 3, true)).containsExactly(LocalDate.parse("2026-11-17"),
                LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"), TODAY);
        assertThat(PullRequest.scheduled().days(TODAY, 1, false)).containsExactly(LocalDate.parse("2026-11-19"));
    }

    @Test
    void aManualRunTakesDaysOrAnExplicitRangeClippedToToday() {
        assertThat(PullRequest.parse(Map.of("days", "7")).days(TODAY, 3, true)).hasSize(8).first()
                .isEqualTo(LocalDate.parse("2026-11-13"));
        assertThat(PullRequest.parse(Map.of("from", "2026-11-18", "to", "2026-11-25")).days(TODAY, 3, true))
                .containsExactly(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"), TODAY);
        PullRequest one = PullRequest.parse(Map.of("account", "meta/123"));
        assertThat(one.account()).isEqualTo("meta/123");
    }

    @Test
    void badRunParametersAreRefusedByName() {
        assertThatThrownBy(() -> PullRequest.parse(Map.of("days", "x", "from", "2026-11-20", "colour", "red")))
                .hasMessageContaining("days:").hasMessageContaining("to:").hasMessageContaining("colour:");
        assertThatThrownBy(() -> PullRequest.parse(Map.of("from", "2026-11-20", "to", "2026-11-19")))
                .hasMessageContaining("from: must be on or before to");
        assertThatThrownBy(() -> PullRequest.parse(Map.of("account", "snap/1"))).hasMessageContaining("account:");
    }

    @Test
    void aRunForOneProductCoversOnlyThatProductsAccounts() {
        PullRequest onboarding = PullRequest.parse(Map.of("product", "com.example.new"));
        assertThat(onboarding.covers(account("1", "com.example.new"))).isTrue();
        assertThat(onboarding.covers(account("2", "com.example.other"))).isFalse();
        assertThat(PullRequest.scheduled().covers(account("2", "com.example.other"))).isTrue();
        PullRequest both = PullRequest.parse(Map.of("product", "com.example.new", "account", "meta/2"));
        assertThat(both.covers(account("1", "com.example.new"))).isFalse();
        assertThatThrownBy(() -> PullRequest.parse(Map.of("product", " "))).hasMessageContaining("product:");
    }

    private static ReportAccount account(String id, String product) {
        return new ReportAccount(Media.META, id, product, null, "USD", java.time.ZoneOffset.UTC, false, null, true,
                null, null, 0, null, null, null, null, null, null, null);
    }

    @Test
    void daysAreGroupedIntoConsecutiveRanges() {
        var days = new java.util.TreeSet<LocalDate>();
        days.add(LocalDate.parse("2026-11-01"));
        days.add(LocalDate.parse("2026-11-17"));
        days.add(LocalDate.parse("2026-11-18"));
        days.add(LocalDate.parse("2026-11-19"));
        assertThat(PullRequest.ranges(days)).extracting(r -> r[0] + ".." + r[1])
                .containsExactly("2026-11-01..2026-11-01", "2026-11-17..2026-11-19");
    }

    @Test
    void backOffDoublesUpToItsCapUnlessTheMediaAnnouncedLonger() {
        Backoff b = new Backoff(Duration.ofMinutes(5), Duration.ofHours(1));
        assertThat(b.delay(1, null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.delay(2, null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.delay(4, null)).isEqualTo(Duration.ofMinutes(40));
        assertThat(b.delay(5, null)).isEqualTo(Duration.ofHours(1));
        assertThat(b.delay(99, null)).isEqualTo(Duration.ofHours(1));
        assertThat(b.delay(1, Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
        assertThat(b.delay(3, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void metaUsageTakesTheHighestPercentageAndTheLongestAnnouncedWait() {
        MetaUsage u = MetaUsage.of("{\"123\":[{\"type\":\"ads_insights\",\"call_count\":40,\"total_cputime\":95,"
                + "\"total_time\":10,\"estimated_time_to_regain_access\":0}]}", "{\"acc_id_util_pct\":12.5,"
                + "\"reset_time_duration\":300}", null);
        assertThat(u.percent()).isEqualTo(95);
        assertThat(u.regainAccessIn()).isZero();
        assertThat(u.backOff(90)).isTrue();
        assertThat(u.backOff(96)).isFalse();

        MetaUsage waiting = MetaUsage.of("{\"123\":[{\"call_count\":5,\"estimated_time_to_regain_access\":7}]}",
                "{\"acc_id_util_pct\":100,\"reset_time_duration\":900}", "{\"call_count\":3}");
        assertThat(waiting.regainAccessIn()).isEqualTo(Duration.ofMinutes(15));
        assertThat(waiting.backOff(90)).isTrue();
        assertThat(MetaUsage.of("not json", "", null)).isEqualTo(MetaUsage.NONE);
    }

    @Test
    void tokensAreSealedPerAccountAndOpenOnlyUnderTheSameKeyAndAccount() {
        TokenCipher cipher = new TokenCipher(new ReportsProperties(null, null, null, null, null, null, null, null,
                null, null, null, null).keyBytes(), "adplatform.reports.encryption-key");
        byte[] sealed = cipher.seal("secret-token", "meta:1");
        assertThat(cipher.open(sealed, "meta:1")).isEqualTo("secret-token");
        assertThat(cipher.seal("secret-token", "meta:1")).isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.open(sealed, "meta:2")).hasMessageContaining("does not decrypt");
        TokenCipher other = new TokenCipher(new byte[32], "adplatform.reports.encryption-key");
        assertThatThrownBy(() -> other.open(sealed, "meta:1")).hasMessageContaining("encryption-key");
        assertThatThrownBy(() -> new ReportsProperties("c2hvcnQ=", null, null, null, null, null, null, null, null,
                null, null, null)).hasMessageContaining("32 bytes");
    }
}
