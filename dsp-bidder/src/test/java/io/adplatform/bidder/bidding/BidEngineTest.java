package io.adplatform.bidder.bidding;

import static io.adplatform.bidder.support.TestCampaigns.banner;
import static io.adplatform.bidder.support.TestCampaigns.countries;
import static io.adplatform.bidder.support.TestCampaigns.cpc;
import static io.adplatform.bidder.support.TestCampaigns.cpm;
import static io.adplatform.bidder.support.TestCampaigns.fixture;
import static io.adplatform.bidder.support.TestCampaigns.nativeAd;
import static io.adplatform.bidder.support.TestCampaigns.targeting;
import static io.adplatform.bidder.support.TestCampaigns.video;
import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.campaign.CampaignCatalog;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.pricing.ShadingBook;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine with a fixed clock, a scripted pCTR model and a scripted budget: targeting, creatives, price, budget. */
class BidEngineTest {

    // Wednesday 2026-11-18 14:30 UTC: hour of week 2 * 24 + 14 = 62
    static final Instant NOW = Instant.parse("2026-11-18T14:30:00Z");

    final Map<String, Double> ctrByCreative = new HashMap<>();
    final List<String> admitted = new ArrayList<>();
    final Set<String> outOfBudget = new java.util.HashSet<>();
    final Set<String> scored = new java.util.HashSet<>();

    final Ctr ctr = () -> new Ctr.Scoring() {
        public long version() {
            return 7;
        }

        public Ctr.Candidates forRequest(Ctr.RequestInputs request) {
            return new Ctr.Candidates() {
                public int featureCount() {
                    return 2;
                }

                public void features(String campaignId, String creativeId, String format, int[] out) {
                    scored.add(campaignId);
                    out[0] = campaignId.hashCode();
                    out[1] = creativeId.hashCode();
                }

                public double predict(int[] features, String campaignId, double prior) {
                    return ctrByCreative.entrySet().stream().filter(e -> e.getKey().hashCode() == features[1])
                            .mapToDouble(Map.Entry::getValue).findFirst().orElse(prior);
                }
            };
        }
    };

    final BidEngine engine = new BidEngine(ctr, (campaign, price, u) -> {
        if (outOfBudget.contains(campaign)) {
            return false;
        }
        admitted.add(campaign);
        return true;
    }, new ShadingBook(100), "USD", Map.of("EUR", new BigDecimal("1.10")), "adplatform", 3, 2);

    List<Decision> decide(BidRequest request, List<CampaignConfig> campaigns) {
        return decide(request, campaigns, Set.of(), BidEngine.Caps.NONE);
    }

    List<Decision> decide(BidRequest request, List<CampaignConfig> campaigns, Set<String> segments,
                          BidEngine.Caps caps) {
        CampaignCatalog catalog = CampaignCatalog.of(campaigns, 1);
        BidRequest.Geo g = request.device().geo();
        RequestProfile profile = RequestProfile.of(request,
                new RequestProfile.Geo(g.country(), g.region(), g.city()), segments, catalog.timezones(), NOW);
        return engine.decide(request, profile, caps, catalog, NOW.toEpochMilli());
    }

    @Test
    void bidsOnlyWhereTargetingAndSizeFit() {
        BidRequest siteBanner = fixture("site-banner.json"); // USA, macOS desktop, 300x250 or 320x50
        List<Decision> d = decide(siteBanner, List.of(
                cpm("de-only", 2_000_000, countries("DEU"), banner("b1", 300, 250)),
                cpm("wrong-size", 9_000_000, countries("USA"), banner("b2", 728, 90)),
                cpm("us", 1_000_000, countries("USA"), banner("b3", 320, 50))));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.campaign().id()).isEqualTo("us");
            assertThat(x.creative().id()).isEqualTo("b3");
        });
    }

    @Test
    void osDeviceBundleSegmentsAndDayParting() {
        BidRequest video = fixture("app-video.json"); // Android phone, com.example.puzzle, USA
        int hourNow = 62;
        List<CampaignConfig> campaigns = List.of(
                cpm("ios", 5_000_000, targeting(null, Set.of("ios"), null, null, null, null), video("v1")),
                cpm("tablets", 5_000_000, targeting(null, null, Set.of(5), null, null, null), video("v2")),
                cpm("other-app", 5_000_000, targeting(null, null, null, Set.of("com.other"), null, null), video("v3")),
                cpm("segment", 5_000_000, targeting(null, null, null, null, Set.of("gamers"), null), video("v4")),
                cpm("night", 5_000_000, targeting(null, null, null, null, null, Set.of(hourNow + 10)), video("v5")),
                cpm("now", 4_000_000, targeting(Set.of("USA"), Set.of("android"), null, Set.of("com.example.puzzle"),
                        null, Set.of(hourNow)), video("v6")));
        assertThat(decide(video, campaigns)).extracting(x -> x.campaign().id()).containsExactly("now");
        // with the segment, the better-paying segment campaign wins
        assertThat(decide(video, campaigns, Set.of("gamers"), BidEngine.Caps.NONE))
                .extracting(x -> x.campaign().id()).containsExactly("segment");
    }

    @Test
    void creativeChoiceHonoursBattrBcatBadvAndPicksBestPctr() {
        BidRequest site = fixture("site-banner.json"); // battr [13], bcat IAB25/IAB26, badv competitor.example
        Creative blockedAttr = withAttr(banner("attr13", 300, 250), List.of(13));
        Creative blockedCat = withCat(banner("cat25", 300, 250), List.of("IAB25"));
        Creative competitor = withDomain(banner("comp", 300, 250), List.of("competitor.example"));
        Creative low = banner("low", 300, 250);
        Creative high = banner("high", 320, 50);
        ctrByCreative.put("low", 0.001);
        ctrByCreative.put("high", 0.004);
        List<Decision> d = decide(site, List.of(cpc("c", 1_000_000, 0.01, countries("USA"), blockedAttr, blockedCat,
                competitor, low, high)));
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.creative().id()).isEqualTo("high");
            assertThat(x.pctr()).isEqualTo(0.004);
            assertThat(x.quote().valueMicros()).isEqualTo(4_000_000); // 0.004 × $1 CPC × 1000
            assertThat(x.modelVersion()).isEqualTo(7);
        });
        assertThat(decide(site, List.of(cpm("c", 1_000_000, countries("USA"), blockedAttr, blockedCat, competitor))))
                .isEmpty();
    }

    @Test
    void floorsCurrenciesAndAuctionTypes() {
        BidRequest video = fixture("app-video.json"); // second price, floor 2.5 USD
        assertThat(decide(video, List.of(cpm("below", 2_400_000, null, video("v1"))))).isEmpty();
        assertThat(decide(video, List.of(cpm("above", 3_000_000, null, video("v1")))))
                .singleElement().satisfies(x -> assertThat(x.quote().priceMicros()).isEqualTo(3_000_000));
        BidRequest first = fixture("site-banner.json"); // first price, floor 0.03
        Decision shaded = decide(first, List.of(cpm("fp", 2_000_000, null, banner("b", 300, 250)))).get(0);
        assertThat(shaded.quote().priceMicros()).isBetween(30_000L, 2_000_000L);
        assertThat(shaded.quote().shadingChoice()).isGreaterThanOrEqualTo(0);

        BidRequest.Imp eurFloor = withFloor(video.imp().get(0), "3.0", "EUR"); // 3.30 USD
        assertThat(engine.floorMicros(eurFloor)).isEqualTo(3_300_000);
        assertThat(engine.floorMicros(withFloor(video.imp().get(0), "3.0", "XYZ"))).isEqualTo(-1);
    }

    @Test
    void budgetRefusalFallsBackToTheNextCandidateAndCapsExclude() {
        BidRequest site = fixture("site-banner.json");
        List<CampaignConfig> campaigns = List.of(cpm("rich", 5_000_000, null, banner("r", 300, 250)),
                cpm("poor", 3_000_000, null, banner("p", 300, 250)));
        outOfBudget.add("rich");
        assertThat(decide(site, campaigns)).extracting(x -> x.campaign().id()).containsExactly("poor");
        outOfBudget.clear();
        BidEngine.Caps capped = (c, creative) -> !c.id().equals("rich");
        assertThat(decide(site, campaigns, Set.of(), capped)).extracting(x -> x.campaign().id())
                .containsExactly("poor");
        BidEngine.Caps creativeCapped = (c, creative) -> creative == null || !creative.equals("p");
        assertThat(decide(site, List.of(campaigns.get(1)), Set.of(), creativeCapped)).isEmpty();
    }

    @Test
    void onlyTheBestByExpectedValueAreScoredAndCpmBelowTheFloorIsNot() {
        BidRequest video = fixture("app-video.json"); // floor 2.5
        List<CampaignConfig> campaigns = List.of(cpm("below-floor", 2_000_000, null, video("v0")),
                cpm("third", 3_000_000, null, video("v1")), cpm("second", 4_000_000, null, video("v2")),
                cpc("first", 1_000_000, 0.01, null, video("v3"))); // $1 CPC at 1 % = $10 CPM expected
        assertThat(decide(video, campaigns)).extracting(x -> x.campaign().id()).containsExactly("first");
        assertThat(scored).containsExactlyInAnyOrder("first", "second"); // maxScored = 2 in this engine
    }

    @Test
    void pausedAndOutOfFlightCampaignsDoNotBid() {
        BidRequest site = fixture("site-banner.json");
        CampaignConfig live = cpm("c", 1_000_000, null, banner("b", 300, 250));
        CampaignConfig paused = new CampaignConfig("p", "a", "p", CampaignConfig.Status.PAUSED, 1, live.pricing(),
                live.priceMicros(), "USD", live.budget(), null, null, null, List.of(), 0.01, live.creatives());
        CampaignConfig ended = new CampaignConfig("e", "a", "e", CampaignConfig.Status.ACTIVE, 1, live.pricing(),
                live.priceMicros(), "USD", live.budget(), null, NOW.minusSeconds(1), null, List.of(), 0.01,
                live.creatives());
        CampaignConfig future = new CampaignConfig("f", "a", "f", CampaignConfig.Status.ACTIVE, 1, live.pricing(),
                live.priceMicros(), "USD", live.budget(), NOW.plusSeconds(60), null, null, List.of(), 0.01,
                live.creatives());
        assertThat(decide(site, List.of(paused, ended, future))).isEmpty();
        assertThat(decide(site, List.of(paused, ended, future, live))).hasSize(1);
    }

    @Test
    void nativeVideoAndMultiImpressionRequests() {
        ctrByCreative.clear();
        assertThat(decide(fixture("app-native.json"), List.of(cpm("n", 2_000_000, null, nativeAd("n1")))))
                .singleElement().satisfies(x -> assertThat(x.slot().nativeSpec().titleId()).isEqualTo(1));
        Creative noTitle = new Creative("nt", CampaignConfig.Format.NATIVE, 1200, 627, null, 0, null, null, null,
                "https://cdn.example.com/n.jpg", null, "https://shop.example.com", null, List.of("shop.example.com"),
                List.of(), List.of());
        assertThat(decide(fixture("app-native.json"), List.of(cpm("n", 2_000_000, null, noTitle)))).isEmpty();
        // the leaderboard is a private auction (no bid), the video slot takes the video
        BidRequest multi = fixture("site-multi-pmp.json");
        assertThat(decide(multi, List.of(cpm("lb", 5_000_000, null, banner("lb", 728, 90)),
                cpm("v", 5_000_000, null, video("v")))))
                .extracting(x -> x.slot().imp().id()).containsExactly("video");
    }

    @Test
    void seatAndCurrencyEligibility() {
        BidRequest site = fixture("site-banner.json");
        assertThat(engine.eligible(site)).isTrue();
        assertThat(engine.eligible(copyWith(site, List.of("EUR"), null))).isFalse();
        assertThat(engine.eligible(copyWith(site, null, List.of("adplatform")))).isFalse();
    }

    static BidRequest copyWith(BidRequest r, List<String> cur, List<String> bseat) {
        return new BidRequest(r.id(), r.imp(), r.site(), r.app(), r.device(), r.user(), r.test(), r.at(), r.tmax(),
                r.wseat(), bseat, r.allimps(), cur, r.wlang(), r.bcat(), r.cattax(), r.badv(), r.bapp(), r.source(),
                r.regs(), r.ext());
    }

    static BidRequest.Imp withFloor(BidRequest.Imp i, String floor, String cur) {
        return new BidRequest.Imp(i.id(), i.metric(), i.banner(), i.video(), i.audio(), i.nativeAd(), i.pmp(),
                i.displaymanager(), i.displaymanagerver(), i.instl(), i.tagid(), new BigDecimal(floor), cur,
                i.clickbrowser(), i.secure(), i.iframebuster(), i.rwdd(), i.ssai(), i.exp(), i.qty(), i.dt(),
                i.refresh(), i.ext());
    }

    static Creative withAttr(Creative c, List<Integer> attr) {
        return new Creative(c.id(), c.format(), c.w(), c.h(), c.markup(), c.durationSec(), c.mimes(), c.title(),
                c.description(), c.imageUrl(), c.iconUrl(), c.landingUrl(), c.deeplink(), c.adomain(), c.categories(),
                attr);
    }

    static Creative withCat(Creative c, List<String> cat) {
        return new Creative(c.id(), c.format(), c.w(), c.h(), c.markup(), c.durationSec(), c.mimes(), c.title(),
                c.description(), c.imageUrl(), c.iconUrl(), c.landingUrl(), c.deeplink(), c.adomain(), cat,
                c.attributes());
    }

    static Creative withDomain(Creative c, List<String> adomain) {
        return new Creative(c.id(), c.format(), c.w(), c.h(), c.markup(), c.durationSec(), c.mimes(), c.title(),
                c.description(), c.imageUrl(), c.iconUrl(), c.landingUrl(), c.deeplink(), adomain, c.categories(),
                c.attributes());
    }
}
