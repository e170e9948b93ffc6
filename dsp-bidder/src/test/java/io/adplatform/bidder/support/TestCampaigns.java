package io.adplatform.bidder.support;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestReader;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.dsp.CampaignConfig.Format;
import io.adplatform.common.dsp.CampaignConfig.Targeting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Campaigns and requests for tests: a campaign per format that the five OpenRTB fixtures can match. */
public final class TestCampaigns {

    public static final String VAST = "<VAST version=\"4.0\"><Ad id=\"v1\"><InLine><AdSystem>adplatform</AdSystem>"
            + "<AdTitle>Runner</AdTitle><Creatives><Creative><Linear><Duration>00:00:15</Duration><VideoClicks>"
            + "<ClickThrough>{{CLICK_URL}}</ClickThrough></VideoClicks><MediaFiles><MediaFile delivery=\"progressive\""
            + " type=\"video/mp4\" width=\"640\" height=\"360\"><![CDATA[https://cdn.example.com/v1.mp4]]></MediaFile>"
            + "</MediaFiles></Linear></Creative></Creatives></InLine></Ad></VAST>";

    private TestCampaigns() {
    }

    public static Creative banner(String id, int w, int h) {
        return new Creative(id, Format.BANNER, w, h, "https://cdn.example.com/" + id + ".png", 0, List.of("image/png"),
                null, null, null, null, "https://shop.example.com/landing?c=" + id, "shopapp://product/1",
                List.of("shop.example.com"), List.of("IAB22"), List.of());
    }

    public static Creative video(String id) {
        return new Creative(id, Format.VIDEO, 640, 360, VAST, 15, List.of("video/mp4"), null, null, null, null,
                "https://shop.example.com/video", null, List.of("shop.example.com"), List.of("IAB22"), List.of());
    }

    public static Creative nativeAd(String id) {
        return new Creative(id, Format.NATIVE, 1200, 627, null, 0, null, "Spring sale: everything -30%",
                "Free delivery this week", "https://cdn.example.com/n.jpg", "https://cdn.example.com/i.png",
                "https://shop.example.com/native", null, List.of("shop.example.com"), List.of("IAB22"), List.of());
    }

    public static CampaignConfig cpm(String id, long cpmMicros, Targeting targeting, Creative... creatives) {
        return new CampaignConfig(id, "adv-1", id, CampaignConfig.Status.ACTIVE, 1, CampaignConfig.Pricing.CPM,
                cpmMicros, "USD", new CampaignConfig.Budget(1_000_000_000L, 0, CampaignConfig.Pacing.FAST), null, null,
                targeting, List.of(), 0.01, List.of(creatives));
    }

    public static CampaignConfig cpc(String id, long cpcMicros, double prior, Targeting targeting,
                                     Creative... creatives) {
        return new CampaignConfig(id, "adv-1", id, CampaignConfig.Status.ACTIVE, 1, CampaignConfig.Pricing.CPC,
                cpcMicros, "USD", new CampaignConfig.Budget(1_000_000_000L, 0, CampaignConfig.Pacing.FAST), null, null,
                targeting, List.of(), prior, List.of(creatives));
    }

    public static Targeting countries(String... countries) {
        return targeting(Set.of(countries), null, null, null, null, null);
    }

    public static Targeting targeting(Set<String> countries, Set<String> os, Set<Integer> deviceTypes,
                                      Set<String> bundles, Set<String> segments, Set<Integer> hoursOfWeek) {
        return new Targeting(countries, null, null, deviceTypes, os, bundles, null, null, null, null, null, segments,
                null, hoursOfWeek, null, null);
    }

    public static byte[] fixtureBytes(String name) {
        try (InputStream in = TestCampaigns.class.getResourceAsStream("/openrtb/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BidRequest fixture(String name) {
        return new BidRequestReader(1 << 20).read(fixtureBytes(name), null, "2.6");
    }
}
