package io.adplatform.bidder;

import static io.adplatform.bidder.support.TestCampaigns.banner;
import static io.adplatform.bidder.support.TestCampaigns.cpm;
import static io.adplatform.bidder.support.TestCampaigns.fixtureBytes;
import static io.adplatform.bidder.support.TestCampaigns.nativeAd;
import static io.adplatform.bidder.support.TestCampaigns.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adplatform.bidder.budget.BudgetService;
import io.adplatform.bidder.campaign.CampaignFeed;
import io.adplatform.bidder.notice.BidIds;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.bidder.support.BidderIntegrationTestBase;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The bidder end to end: campaigns through Kafka, bids over HTTP, notices, caps, budgets, segments, refusals. */
class BidderIntegrationTest extends BidderIntegrationTestBase {

    static final List<CampaignConfig> CAMPAIGNS = List.of(
            cpm("all-formats", 5_000_000, null, banner("b300", 300, 250), banner("b320", 320, 50),
                    banner("b480", 320, 480), video("v1"), nativeAd("n1")),
            withCaps(cpm("capped", 9_000_000, bundles("com.capped.app"), banner("cap480", 320, 480)),
                    List.of(new CampaignConfig.FrequencyCap(CampaignConfig.CapScope.CAMPAIGN, 1, 3600))),
            cpm("segment", 9_000_000, new CampaignConfig.Targeting(null, null, null, null, null, null, null,
                    Set.of("seg.example.com"), null, null, null, Set.of("s-int"), null, null, null, null),
                    banner("seg300", 300, 250)),
            cpm("berlin", 9_000_000, new CampaignConfig.Targeting(Set.of("DEU"), Set.of("DEU-BE"), null, null, null,
                    null, null, Set.of("geo.example.com"), null, null, null, null, null, null, null, null),
                    banner("geo300", 300, 250)));

    @Autowired
    CampaignFeed feed;
    @Autowired
    BidIds ids;
    @Autowired
    BudgetService budgets;

    @BeforeEach
    void loadCampaigns() throws Exception {
        if (feed.catalog().get("berlin") != null) {
            return;
        }
        HttpResponse<String> r = postJson(internal("/internal/v1/bidder/campaigns"), json(CAMPAIGNS));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.catalog().size() == CAMPAIGNS.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> budgets.snapshot("all-formats") != null
                && budgets.snapshot("all-formats").leasedMicros() > 0);
        assertThat(get(internal("/actuator/health/readiness")).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"site-banner.json", "app-video.json", "app-native.json", "site-multi-pmp.json",
            "app-banner-interstitial.json"})
    void everyKindOfRequestGetsAValidBidResponse(String fixture) throws Exception {
        // a functional check: a generous tmax, so that a loaded test machine cannot turn it into a no-bid
        byte[] body = relaxed(fixture);
        if (fixture.equals("site-multi-pmp.json")) {
            assertThat(bid(body).statusCode()).as("wseat lists only seat-1, not ours").isEqualTo(204);
            body = new String(body, StandardCharsets.UTF_8).replace("\"wseat\": [\"seat-1\"]\n}",
                    "\"wseat\": [\"seat-1\", \"adplatform\"]\n}").getBytes(StandardCharsets.UTF_8);
        }
        BidRequest request = new BidRequestReader(1 << 20).read(body, null, "2.6");
        HttpResponse<String> r = bid(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode response = EventJson.mapper().readTree(r.body());
        assertThat(response.get("id").asString()).isEqualTo(request.id());
        assertThat(response.get("cur").asString()).isEqualTo("USD");
        JsonNode bids = response.get("seatbid").get(0).get("bid");
        assertThat(bids.size()).isPositive();
        for (JsonNode b : bids) {
            BidRequest.Imp imp = request.imp().stream().filter(i -> i.id().equals(b.get("impid").asString()))
                    .findFirst().orElseThrow();
            BigDecimal floor = imp.bidfloor() == null ? BigDecimal.ZERO : imp.bidfloor();
            assertThat(b.get("price").decimalValue()).isGreaterThanOrEqualTo(floor).isLessThanOrEqualTo(new BigDecimal("9"));
            assertThat(b.get("nurl").asString()).contains("/notice/win?b=" + b.get("id").asString())
                    .endsWith("&p=${AUCTION_PRICE}");
            assertThat(b.get("burl").asString()).contains("/notice/bill?b=");
            assertThat(b.get("lurl").asString()).contains("r=${AUCTION_LOSS}");
            assertThat(b.get("adm").asString()).contains("/notice/imp?b=" + b.get("id").asString());
            assertThat(b.get("crid").asString()).isNotBlank();
            assertThat(b.get("cid").asString()).isNotBlank();
            assertThat(b.get("adomain").get(0).asString()).isEqualTo("shop.example.com");
            assertThat(ids.check(b.get("id").asString())).isEqualTo(BidIds.Check.VALID);
        }
        String bidId = bids.get(0).get("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> bidEvents().stream()
                .anyMatch(e -> e.type() == BidEvent.Type.BID && e.bidId().equals(bidId)));
    }

    @Test
    void gzipBodiesAreRead() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(relaxed("site-banner.json"));
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(exchange("/openrtb2/bid")))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void invalidRequestsGetA400NamingTheFieldNeverA5xx() throws Exception {
        HttpResponse<String> malformed = bid("{\"id\": \"x\", \"imp\": [".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("content-type")).hasValue("application/problem+json");

        HttpResponse<String> noImp = bid("{\"id\":\"x\",\"imp\":[],\"site\":{\"domain\":\"a.com\"}}".getBytes());
        assertThat(noImp.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(noImp.body()).get("errors").findValuesAsString("field"))
                .contains("imp");

        HttpResponse<String> badType = bid(("{\"id\":\"x\",\"tmax\":\"soon\",\"imp\":[{\"id\":\"1\","
                + "\"banner\":{\"w\":300,\"h\":250}}],\"site\":{\"domain\":\"a.com\"}}").getBytes());
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("tmax");

        HttpResponse<String> version = HTTP.send(HttpRequest.newBuilder(URI.create(exchange("/openrtb2/bid")))
                .header("x-openrtb-version", "3.0").POST(HttpRequest.BodyPublishers.ofByteArray(
                        fixtureBytes("site-banner.json"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(version.body()).contains("x-openrtb-version");

        assertThat(get(exchange("/openrtb2/bid")).statusCode()).isEqualTo(405);
        assertThat(get(exchange("/nowhere")).statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestWhoseBudgetIsGoneGetsNoBid() throws Exception {
        String tight = new String(fixtureBytes("site-banner.json"), StandardCharsets.UTF_8).replace("\"tmax\": 120", "\"tmax\": 10");
        assertThat(bid(tight.getBytes()).statusCode()).isEqualTo(204);
    }

    @Test
    void botsAreFilteredBeforeBidding() throws Exception {
        String bot = new String(relaxed("site-banner.json"), StandardCharsets.UTF_8).replaceFirst("\"ua\": \"[^\"]+\"",
                "\"ua\": \"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\"");
        assertThat(bid(bot.getBytes()).statusCode()).isEqualTo(204);
    }

    @Test
    void winNoticesAreIdempotentChargeTheBudgetAndRefuseForgedIds() throws Exception {
        JsonNode bid = firstBid(bid(relaxed("site-banner.json")));
        String bidId = bid.get("id").asString();
        String nurl = local(bid.get("nurl").asString()).replace("${AUCTION_PRICE}", "1.50");
        long spentBefore = budgets.snapshot("all-formats").spentMicros();
        assertThat(get(nurl).statusCode()).isEqualTo(204);
        assertThat(get(nurl).statusCode()).isEqualTo(204); // the exchange called twice
        await().atMost(Duration.ofSeconds(10)).until(() -> bidEvents().stream()
                .filter(e -> e.type() == BidEvent.Type.WIN && e.bidId().equals(bidId)).count() == 1);
        BidEvent win = bidEvents().stream().filter(e -> e.type() == BidEvent.Type.WIN && e.bidId().equals(bidId))
                .findFirst().orElseThrow();
        assertThat(win.priceMicros()).isEqualTo(1_500_000);
        assertThat(win.campaignId()).isEqualTo("all-formats");
        assertThat(win.features()).isNotEmpty();
        // 1.50 CPM = 1,500 micros for this impression, charged once
        await().atMost(Duration.ofSeconds(10)).until(() ->
                budgets.snapshot("all-formats").spentMicros() - spentBefore == 1_500);

        HttpResponse<String> unreplaced = get(local(bid.get("nurl").asString()).replace("${AUCTION_PRICE}",
                "%24%7BAUCTION_PRICE%7D"));
        assertThat(unreplaced.statusCode()).isEqualTo(400);
        assertThat(unreplaced.body()).contains("\"field\":\"p\"");
        String forgedId = bidId.substring(0, 20) + (bidId.charAt(20) == 'A' ? 'B' : 'A') + bidId.substring(21);
        HttpResponse<String> forged = get(exchange("/notice/win?b=" + forgedId + "&p=1.0"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("\"field\":\"b\"");
        assertThat(get(exchange("/notice/win?b=" + ids.issue() + "&p=1.0")).statusCode()).isEqualTo(410);
    }

    @Test
    void impressionsCountTowardsFrequencyCapsAndClicksRedirect() throws Exception {
        String capped = new String(relaxed("app-banner-interstitial.json"), StandardCharsets.UTF_8)
                .replace("com.example.runner", "com.capped.app")
                .replace("ab4f2d1e-1234-4a6b-9a1c-5f6e7d8c9b0a", "ab4f2d1e-1234-4a6b-9a1c-" + System.nanoTime());
        JsonNode first = firstBid(bid(capped.getBytes()));
        assertThat(first.get("cid").asString()).isEqualTo("capped");
        String bidId = first.get("id").asString();
        HttpResponse<String> pixel = get(exchange("/notice/imp?b=" + bidId));
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("content-type")).hasValue("image/gif");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode next = firstBid(bid(capped.getBytes()));
            assertThat(next.get("cid").asString()).isEqualTo("all-formats"); // capped at 1 per hour
        });
        HttpResponse<String> click = get(exchange("/click?b=" + bidId));
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("location")).hasValue("shopapp://product/1"); // app: the deep link
        await().atMost(Duration.ofSeconds(10)).until(() -> bidEvents().stream()
                .filter(e -> e.bidId().equals(bidId)).map(BidEvent::type).toList()
                .containsAll(List.of(BidEvent.Type.BID, BidEvent.Type.IMPRESSION, BidEvent.Type.CLICK)));
    }

    @Test
    void audienceSegmentsUploadedToRedisAreTargeted() throws Exception {
        String user = "user-" + System.nanoTime();
        String request = new String(relaxed("site-banner.json"), StandardCharsets.UTF_8).replace("\"domain\": \"news.example.com\"",
                "\"domain\": \"seg.example.com\"").replace("55816b39711f9b5acf3b90e313ed29e51665623f", user);
        assertThat(firstBid(bid(request.getBytes())).get("cid").asString()).isEqualTo("all-formats");
        HttpResponse<String> upload = postJson(internal("/internal/v1/bidder/audiences"),
                "{\"segment\":\"s-int\",\"users\":[\"" + user + "\"]}");
        assertThat(upload.statusCode()).isEqualTo(204);
        assertThat(firstBid(bid(request.getBytes())).get("cid").asString()).isEqualTo("segment");
        assertThat(postJson(internal("/internal/v1/bidder/audiences"), "{\"segment\":\"\",\"users\":[]}").body())
                .contains("\"field\":\"segment\"").contains("\"field\":\"users\"");
    }

    @Test
    void geoComesFromTheIpDatabaseWhenTheRequestHasNone() throws Exception {
        String request = new String(relaxed("site-banner.json"), StandardCharsets.UTF_8)
                .replace("\"domain\": \"news.example.com\"", "\"domain\": \"geo.example.com\"")
                .replace("\"ip\": \"203.0.113.7\"", "\"ip\": \"198.51.100.20\"")
                .replace("\"geo\": {\"country\": \"USA\", \"region\": \"CA\", \"city\": \"San Francisco\", \"type\": 2}",
                        "\"language\": \"de\"");
        assertThat(firstBid(bid(request.getBytes())).get("cid").asString()).isEqualTo("berlin");
    }

    @Test
    void badCampaignsAreRefusedWholeNamingTheirFields() throws Exception {
        CampaignConfig bad = new CampaignConfig("bad-1", "a", "n", CampaignConfig.Status.ACTIVE, 1,
                CampaignConfig.Pricing.CPM, 0, "USD", new CampaignConfig.Budget(1, 0, CampaignConfig.Pacing.FAST), null,
                null, null, List.of(), 0.01, List.of(banner("x", 300, 250)));
        HttpResponse<String> r = postJson(internal("/internal/v1/bidder/campaigns"),
                json(List.of(cpm("good-1", 1_000_000, null, banner("g", 300, 250)), bad)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"[1].priceMicros\"");
        HttpResponse<String> wrongType = postJson(internal("/internal/v1/bidder/campaigns"),
                "[{\"id\":\"t\",\"priceMicros\":\"lots\"}]");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("priceMicros");
        Thread.sleep(300);
        assertThat(get(internal("/internal/v1/bidder/campaigns/good-1")).statusCode()).isEqualTo(404);
        HttpResponse<String> noToken = HTTP.send(HttpRequest.newBuilder(URI.create(
                internal("/internal/v1/bidder/campaigns"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    /** A fixture with a generous tmax: functional checks must not turn into no-bids on a loaded test machine. */
    private static byte[] relaxed(String fixture) {
        return new String(fixtureBytes(fixture), StandardCharsets.UTF_8).replaceFirst("\"tmax\": \\d+", "\"tmax\": 2000")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Notice URLs name the configured public base; the test's bid port is random. */
    private String local(String url) {
        return url.replace("http://127.0.0.1:8085", exchange(""));
    }

    private static JsonNode firstBid(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.mapper().readTree(r.body()).get("seatbid").get(0).get("bid").get(0);
    }

    private static CampaignConfig.Targeting bundles(String... bundles) {
        return new CampaignConfig.Targeting(null, null, null, null, null, Set.of(bundles), null, null, null, null,
                null, null, null, null, null, null);
    }

    private static CampaignConfig withCaps(CampaignConfig c, List<CampaignConfig.FrequencyCap> caps) {
        return new CampaignConfig(c.id(), c.advertiser(), c.name(), c.status(), c.version(), c.pricing(),
                c.priceMicros(), c.currency(), c.budget(), c.startAt(), c.endAt(), c.targeting(), caps, c.ctrPrior(),
                c.creatives());
    }
}
