package io.adplatform.admin.adaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the media's answers to an account read mean for the token being connected. */
class AccountCheckTest {

    final AccountCheck check = new AccountCheck(JsonMapper.builder().build(),
            new AdsProperties(null, null, null, null, null));

    static String metaError(int code, boolean transientError) {
        return "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":" + code + ",\"is_transient\":"
                + transientError + ",\"fbtrace_id\":\"x\"}}";
    }

    @Test
    void metaAnsweringTheAccountGivesItsNameAndCurrency() {
        assertThat(check.readMeta(200, "{\"name\":\"Studio EU\",\"currency\":\"EUR\",\"account_status\":1,"
                + "\"id\":\"act_1\"}")).isEqualTo(new AccountCheck.Found("Studio EU", "EUR"));
    }

    @Test
    void metaRefusingTheTokenOrTheAccountRefusesIt() {
        assertThat(check.readMeta(400, metaError(190, false))).isInstanceOf(AccountCheck.Refused.class);
        assertThat(check.readMeta(400, metaError(100, false))).isInstanceOf(AccountCheck.Refused.class)
                .extracting(r -> ((AccountCheck.Refused) r).message()).asString().contains("(#100)");
        assertThat(check.readMeta(403, metaError(200, false))).isInstanceOf(AccountCheck.Refused.class);
    }

    @Test
    void metaThrottlingTransientErrorsAndOutagesSayNothingAboutTheToken() {
        for (int code : new int[] {1, 2, 4, 17, 32, 613, 80000, 80004, 80014}) {
            assertThat(check.readMeta(400, metaError(code, false))).as("code %d", code)
                    .isInstanceOf(AccountCheck.Unreachable.class);
        }
        assertThat(check.readMeta(400, metaError(100, true))).isInstanceOf(AccountCheck.Unreachable.class);
        assertThat(check.readMeta(503, "")).isInstanceOf(AccountCheck.Unreachable.class);
        assertThat(check.readMeta(500, metaError(190, false))).isInstanceOf(AccountCheck.Unreachable.class);
        assertThat(check.readMeta(200, "<html>")).isInstanceOf(AccountCheck.Unreachable.class);
    }

    static String tiktok(int code, String data) {
        return "{\"code\":" + code + ",\"message\":\"m\",\"request_id\":\"r\",\"data\":" + data + "}";
    }

    @Test
    void tiktokAnsweringTheAdvertiserGivesItsNameAndCurrency() {
        assertThat(check.readTikTok(200, tiktok(0, "{\"list\":[{\"advertiser_id\":\"7001\",\"name\":\"JP\","
                + "\"currency\":\"JPY\",\"status\":\"STATUS_ENABLE\"}]}"), "7001"))
                .isEqualTo(new AccountCheck.Found("JP", "JPY"));
        assertThat(check.readTikTok(200, tiktok(0, "{\"list\":[]}"), "7001"))
                .as("not among the token's advertisers").isInstanceOf(AccountCheck.Refused.class);
    }

    @Test
    void tiktokRefusalsAndOutagesAreTold() {
        for (int code : new int[] {40001, 40002, 40104, 40105}) {
            assertThat(check.readTikTok(200, tiktok(code, "{}"), "7001")).as("code %d", code)
                    .isInstanceOf(AccountCheck.Refused.class);
        }
        assertThat(check.readTikTok(200, tiktok(40100, "{}"), "7001")).isInstanceOf(AccountCheck.Unreachable.class);
        assertThat(check.readTikTok(200, tiktok(50000, "{}"), "7001")).isInstanceOf(AccountCheck.Unreachable.class);
        assertThat(check.readTikTok(502, "bad gateway", "7001")).isInstanceOf(AccountCheck.Unreachable.class);
        assertThat(check.readTikTok(429, tiktok(40100, "{}"), "7001")).isInstanceOf(AccountCheck.Unreachable.class);
    }
}
