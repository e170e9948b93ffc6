package io.adplatform.bidder.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each verdict, the order of the checks, the device IP's fallback and the counts. */
class TrafficFilterTest {

    private static final long NOW = 1_750_000_000_000L;
    private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static final String EXCHANGE = "10.20.30.40";

    private final BidRequestReader reader = new BidRequestReader(64 * 1024);
    private final TrafficFilter filter;

    TrafficFilterTest() throws IOException {
        filter = TrafficFilter.from(new TrafficProperties(List.of("192.0.2.0/24", "2001:db8:bad::/48", EXCHANGE),
                List.of("com.blocked.game", "1234567890"), List.of("blocked.example", "*.spam.test"),
                "src/test/resources/traffic/data-centres.txt", 3, 10, null, null, List.of("evilscanner")));
    }

    @Test
    void aPersonsAppRequestPasses() {
        assertThat(filter.check(app("com.good.game", "203.0.113.200", null, PHONE, "ifa-1"), EXCHANGE, NOW))
                .isEqualTo(Verdict.PASS);
        assertThat(filter.check(site("news.example.com", "2001:db8:1::5", PHONE), EXCHANGE, NOW))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void blockedApp() {
        assertThat(filter.check(app("com.blocked.game", "203.0.113.200", null, PHONE, "ifa-2"), null, NOW))
                .isEqualTo(Verdict.BLOCKED_APP);
        assertThat(filter.check(app("1234567890", "203.0.113.200", null, PHONE, "ifa-2"), null, NOW))
                .isEqualTo(Verdict.BLOCKED_APP);
        assertThat(filter.check(app("com.blocked.game.lite", "203.0.113.200", null, PHONE, "ifa-2"), null, NOW))
                .as("bundles match exactly").isEqualTo(Verdict.PASS);
    }

    @Test
    void blockedDomainWithSubdomainsAnyCase() {
        assertThat(filter.check(site("blocked.example", "203.0.113.201", PHONE), null, NOW))
                .isEqualTo(Verdict.BLOCKED_DOMAIN);
        assertThat(filter.check(site("WWW.Blocked.Example", "203.0.113.201", PHONE), null, NOW))
                .isEqualTo(Verdict.BLOCKED_DOMAIN);
        assertThat(filter.check(site("a.b.spam.test.", "203.0.113.201", PHONE), null, NOW))
                .isEqualTo(Verdict.BLOCKED_DOMAIN);
        assertThat(filter.check(site("notblocked.example", "203.0.113.201", PHONE), null, NOW))
                .isEqualTo(Verdict.PASS);
        assertThat(filter.check(site("example", "203.0.113.201", PHONE), null, NOW)).isEqualTo(Verdict.PASS);
    }

    @Test
    void blockedIpFromDeviceIpOrIpv6() {
        assertThat(filter.check(site("news.example.com", "192.0.2.9", PHONE), null, NOW))
                .isEqualTo(Verdict.BLOCKED_IP);
        assertThat(filter.check(app("com.good.game", null, "2001:db8:bad::77", PHONE, "ifa-3"), null, NOW))
                .isEqualTo(Verdict.BLOCKED_IP);
    }

    @Test
    void theRemoteAddressCountsOnlyWhenTheRequestHasNoDeviceIp() {
        // the exchange's own address is blocked here: it must not block the devices it sends
        assertThat(filter.check(app("com.good.game", "203.0.113.202", null, PHONE, "ifa-4"), EXCHANGE, NOW))
                .isEqualTo(Verdict.PASS);
        assertThat(filter.check(app("com.good.game", null, null, PHONE, "ifa-4"), EXCHANGE, NOW))
                .isEqualTo(Verdict.BLOCKED_IP);
        assertThat(filter.check(app("com.good.game", null, null, PHONE, "ifa-4"), "198.51.100.3", NOW))
                .isEqualTo(Verdict.DATA_CENTRE);
    }

    @Test
    void dataCentre() {
        assertThat(filter.check(site("news.example.com", "198.51.100.50", PHONE), null, NOW))
                .isEqualTo(Verdict.DATA_CENTRE);
        assertThat(filter.check(site("news.example.com", "2001:db8:dc42::1", PHONE), null, NOW))
                .isEqualTo(Verdict.DATA_CENTRE);
    }

    @Test
    void invalidUserAgentAndBots() {
        assertThat(filter.check(site("news.example.com", "203.0.113.203", null), null, NOW))
                .isEqualTo(Verdict.INVALID_USER_AGENT);
        assertThat(filter.check(site("news.example.com", "203.0.113.203", "Mozilla/5.0"), null, NOW))
                .isEqualTo(Verdict.INVALID_USER_AGENT);
        assertThat(filter.check(site("news.example.com", "203.0.113.203", "curl/8.5.0"), null, NOW))
                .isEqualTo(Verdict.BOT);
        assertThat(filter.check(site("news.example.com", "203.0.113.203",
                "Mozilla/5.0 (Windows NT 10.0) EvilScanner/2 Chrome/126.0"), null, NOW))
                .as("extra bot token").isEqualTo(Verdict.BOT);
    }

    @Test
    void floodPerDevice() {
        BidRequest request = app("com.good.game", "203.0.113.210", null, PHONE, "ifa-flood");
        for (int i = 0; i < 3; i++) {
            assertThat(filter.check(request, null, NOW)).isEqualTo(Verdict.PASS);
        }
        assertThat(filter.check(request, null, NOW + 10)).isEqualTo(Verdict.FLOOD);
        assertThat(filter.check(app("com.good.game", "203.0.113.210", null, PHONE, "ifa-other"), null, NOW))
                .isEqualTo(Verdict.PASS);
        assertThat(filter.check(request, null, NOW + 1000)).isEqualTo(Verdict.PASS);
    }

    @Test
    void rejectedRequestsDoNotCountTowardsTheFloodLimit() {
        BidRequest blocked = app("com.blocked.game", "203.0.113.211", null, PHONE, "ifa-5");
        for (int i = 0; i < 10; i++) {
            filter.check(blocked, null, NOW);
        }
        assertThat(filter.check(app("com.good.game", "203.0.113.211", null, PHONE, "ifa-5"), null, NOW))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void cheapestChecksFirst() {
        // blocked app, blocked IP and bot at once: the app decides
        assertThat(filter.check(app("com.blocked.game", "192.0.2.1", null, "curl/8.5.0", "ifa-6"), null, NOW))
                .isEqualTo(Verdict.BLOCKED_APP);
        assertThat(filter.check(app("com.good.game", "192.0.2.1", null, "curl/8.5.0", "ifa-6"), null, NOW))
                .isEqualTo(Verdict.BLOCKED_IP);
    }

    @Test
    void countsEveryVerdict() {
        TrafficFilter fresh = new TrafficFilter(IpRanges.of(List.of("192.0.2.0/24")), IpRanges.EMPTY, List.of(),
                List.of(), UserAgents.defaults(), new FloodGuard(20, 8));
        fresh.check(site("news.example.com", "203.0.113.1", PHONE), null, NOW);
        fresh.check(site("news.example.com", "203.0.113.2", PHONE), null, NOW);
        fresh.check(site("news.example.com", "192.0.2.1", PHONE), null, NOW);
        fresh.check(site("news.example.com", "203.0.113.3", "Twitterbot/1.0"), null, NOW);

        assertThat(fresh.count(Verdict.PASS)).isEqualTo(2);
        assertThat(fresh.count(Verdict.BLOCKED_IP)).isEqualTo(1);
        assertThat(fresh.counts()).containsEntry(Verdict.BOT, 1L).containsEntry(Verdict.FLOOD, 0L).hasSize(8);
    }

    @Test
    void aCheckAllocatesNothing() {
        TrafficFilter unlimited = new TrafficFilter(IpRanges.of(List.of("192.0.2.0/24", "2001:db8:bad::/48")),
                IpRanges.of(List.of("198.51.100.0/24")), List.of("com.blocked.game"), List.of("blocked.example"),
                UserAgents.defaults(), new FloodGuard(65_535, 16));
        BidRequest[] requests = {app("com.good.game", "203.0.113.200", null, PHONE, "ifa-1"),
                app("com.good.game", null, "2001:db8:1::5", PHONE, null),
                site("www.news.example.com", "198.51.100.9", PHONE),
                site("news.example.com", "203.0.113.9", "curl/8.5.0")};
        for (int i = 0; i < 100_000; i++) { // warm-up: JIT
            unlimited.check(requests[i % requests.length], EXCHANGE, NOW + i);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int n = 100_000;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < n; i++) {
            unlimited.check(requests[i % requests.length], EXCHANGE, NOW + 100_000 + i);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated / n).as("bytes per check (%d in all)", allocated).isZero();
    }

    private BidRequest app(String bundle, String ip, String ipv6, String ua, String ifa) {
        return read("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":320,\"h\":50}}],\"app\":{\"bundle\":"
                + json(bundle) + "},\"device\":{\"ip\":" + json(ip) + ",\"ipv6\":" + json(ipv6) + ",\"ua\":"
                + json(ua) + ",\"ifa\":" + json(ifa) + "}}");
    }

    private BidRequest site(String domain, String ip, String ua) {
        return read("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}],\"site\":{\"domain\":"
                + json(domain) + "},\"device\":{\"ip\":" + json(ip) + ",\"ua\":" + json(ua) + "}}");
    }

    private BidRequest read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), null, "2.6");
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
