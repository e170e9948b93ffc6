package io.adplatform.offline.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.offline.support.Api;
import io.adplatform.offline.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

/** The FX rates API over HTTP, stored in ClickHouse. */
class FxRatesApiTest extends IntegrationTestBase {

    @Test
    void storesReplacesAndReadsADaysRates() {
        Api.Answer put = api.put("/fx-rates/2026-03-02", "{\"rates\":{\"SEK\":0.095,\"JPY\":0.0066,\"USD\":1}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("reportingCurrency").asString()).isEqualTo("USD");
        assertThat(put.json().at("/rates/SEK").decimalValue()).isEqualByComparingTo("0.095");

        api.put("/fx-rates/2026-03-02", "{\"rates\":{\"SEK\":0.096}}");
        Api.Answer get = api.get("/fx-rates/2026-03-02");

        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("day").asString()).isEqualTo("2026-03-02");
        assertThat(get.json().at("/rates/SEK").decimalValue()).isEqualByComparingTo("0.096");
        assertThat(get.json().at("/rates/JPY").decimalValue()).isEqualByComparingTo("0.0066");
        assertThat(api.get("/fx-rates/2026-03-03").json().get("rates").size()).isZero();
    }

    @Test
    void refusesBadInputNamingTheFields() {
        Api.Answer a = api.put("/fx-rates/2026-02-30", "{\"rates\":{\"EURO\":1.1,\"GBP\":-1,\"USD\":2,\"CHF\":null}}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("day", "rates.EURO", "rates.GBP", "rates.USD", "rates.CHF");
        assertThat(api.put("/fx-rates/2026-03-01", "{\"rates\":{}}").json().get("errors").get(0).get("field")
                .asString()).isEqualTo("rates");
        assertThat(api.put("/fx-rates/2026-03-01", "{\"rates\":{\"EUR\":\"abc\"}}").status()).isEqualTo(400);
        assertThat(api.get("/fx-rates/yesterday").json().get("errors").get(0).get("field").asString()).isEqualTo("day");
    }
}
