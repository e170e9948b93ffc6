package io.adplatform.offline.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyRatesTest {

    static final LocalDate FRI = LocalDate.parse("2026-11-20");

    final DailyRates eur = DailyRates.of("EUR", Map.of(FRI, new BigDecimal("1.08"),
            FRI.minusDays(1), new BigDecimal("1.07")), 7);

    @Test
    void usesTheDaysOwnRate() {
        assertThat(eur.on(FRI)).get().extracting(DailyRates.Rate::rate).isEqualTo(new BigDecimal("1.08"));
        assertThat(eur.on(FRI.minusDays(1))).get().extracting(DailyRates.Rate::day).isEqualTo(FRI.minusDays(1));
    }

    @Test
    void elseTheLatestEarlierOneWithinTheMaximumAge() {
        assertThat(eur.on(FRI.plusDays(2))).get().extracting(DailyRates.Rate::day).isEqualTo(FRI);
        assertThat(eur.on(FRI.plusDays(7))).isPresent();
        assertThat(eur.on(FRI.plusDays(8))).isEmpty();
    }

    @Test
    void neverALaterOneAndNothingWithoutRates() {
        assertThat(eur.on(FRI.minusDays(2))).isEmpty();
        assertThat(DailyRates.of("JPY", Map.of(), 7).on(FRI)).isEmpty();
        assertThat(DailyRates.identity("USD").on(FRI)).get().extracting(DailyRates.Rate::rate).isEqualTo(BigDecimal.ONE);
    }
}
