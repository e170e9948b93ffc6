package io.adplatform.bidder.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real user agents of people's devices pass; bots, tools and garbage do not; brands with "bot" in them pass. */
class UserAgentsTest {

    private final UserAgents userAgents = UserAgents.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
            // iPhone Safari, iOS in-app WebView, iPad
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Mobile/15E148",
            "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.1 Mobile/15E148 Safari/604.1",
            // Android Chrome, Android WebView, Samsung Internet, Dalvik (in-app SDK)
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/125.0.6422.165 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like "
                    + "Gecko) Version/4.0 Chrome/124.0.6367.179 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 12; SAMSUNG SM-G991B) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
            "Dalvik/2.1.0 (Linux; U; Android 11; Redmi Note 8 Pro MIUI/V12.5.3.0.RGGMIXM)",
            // desktop Chrome, Safari, Firefox, Edge
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.85",
            // connected TV
            "Roku/DVP-12.5 (12.5.0.4178-88)",
            "Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV "
                    + "Safari/537.36",
            // Cubot phones: "bot" inside a brand
            "Mozilla/5.0 (Linux; Android 9; CUBOT_P30) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/74.0.3729.157 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 10; Cubot X19 Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like "
                    + "Gecko) Version/4.0 Chrome/96.0.4664.92 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; KINGKONG 5 Pro Build/RP1A.200720.011; Cubot) AppleWebKit/537.36",
            "Mozilla/5.0 (Linux; Android 12; CUBOT-NOTE-30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0"})
    void peoplesDevicesPass(String ua) {
        assertThat(userAgents.check(ua)).isEqualTo(Verdict.PASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/125.0.6422.175 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
                    + "+http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)",
            "Mozilla/5.0 (compatible; YandexMobileBot/3.0)",
            "Twitterbot/1.0",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; SomeNewCrawler/0.3)",
            "Mozilla/5.0 (compatible; MyMonitor-bot)",
            "AdsBot-Google (+http://www.google.com/adsbot.html)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/125.0.6422.60 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
            "curl/8.5.0",
            "Wget/1.21.4",
            "python-requests/2.32.3",
            "Python-urllib/3.12",
            "Go-http-client/2.0",
            "Apache-HttpClient/4.5.14 (Java/17.0.11)",
            "Java/17.0.2",
            "PostmanRuntime/7.39.0",
            "axios/1.7.2"})
    void botsAndToolsAreBots(String ua) {
        assertThat(userAgents.check(ua)).isEqualTo(Verdict.BOT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-", "unknown", "undefined", "Mozilla/5.0", "Mozilla/5.0 Safari", "0123456789/12345",
            "just some text here", "Mozilla/5.0 (iPhone\n; CPU iPhone OS 17_5)", "Mozilla/5.0 (iPhone\u0000)"})
    void missingOrMalformedIsInvalid(String ua) {
        assertThat(userAgents.check(ua)).isEqualTo(Verdict.INVALID_USER_AGENT);
    }

    @Test
    void tooLongIsInvalid() {
        String padded = "Mozilla/5.0 (Linux; Android 14; Pixel 8) " + "A".repeat(2000);

        assertThat(userAgents.check(padded)).isEqualTo(Verdict.INVALID_USER_AGENT);
        assertThat(new UserAgents(UserAgents.DEFAULT_BOT_TOKENS, 10, 4096).check(padded)).isEqualTo(Verdict.PASS);
    }

    @Test
    void extraTokensMatchCaseInsensitivelyAnywhere() {
        UserAgents custom = new UserAgents(List.of("EvilScanner", "bot/"), 10, 1024);
        String ua = "Mozilla/5.0 (Windows NT 10.0) EVILSCANNER-9 Chrome/126.0.0.0";

        assertThat(custom.check(ua)).isEqualTo(Verdict.BOT);
        assertThat(userAgents.check(ua)).isEqualTo(Verdict.PASS);
        assertThat(custom.check("Mozilla/5.0 (Linux; Android 9) SpecialBot/1.0")).isEqualTo(Verdict.BOT);
        assertThat(custom.check("Mozilla/5.0 (Linux; Android 9; CUBOT/1.0)")).isEqualTo(Verdict.PASS);
    }

    @Test
    void tokensMustBePrintableAscii() {
        assertThatThrownBy(() -> new UserAgents(List.of("bötli"), 10, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserAgents(List.of(""), 10, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
