package io.adplatform.bidder.bidding;

import static io.adplatform.bidder.support.TestCampaigns.banner;
import static io.adplatform.bidder.support.TestCampaigns.fixture;
import static io.adplatform.bidder.support.TestCampaigns.nativeAd;
import static io.adplatform.bidder.support.TestCampaigns.video;
import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.kafka.EventJson;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

class AdMarkupTest {

    static final String IMP = "https://bid.example.com/notice/imp?b=abc";
    static final String CLICK = "https://bid.example.com/click?b=abc";

    @Test
    void bannerLinksTheImageToTheClickRedirectAndCarriesThePixel() {
        Slot slot = Slot.of(fixture("site-banner.json").imp().get(0));
        String adm = AdMarkup.of(banner("b", 300, 250), slot, IMP, CLICK);
        assertThat(adm).contains("<a href=\"" + CLICK + "\"").contains("src=\"https://cdn.example.com/b.png\"")
                .contains("width=\"300\" height=\"250\"").contains("<img src=\"" + IMP + "\" width=\"1\"");
    }

    @Test
    void vastGetsOurImpressionTrackerAndClickThroughAndStaysWellFormed() throws Exception {
        Slot slot = Slot.of(fixture("app-video.json").imp().get(0));
        String vast = AdMarkup.of(video("v"), slot, IMP, CLICK);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(vast.getBytes()));
        assertThat(doc.getElementsByTagName("Impression").item(0).getTextContent()).isEqualTo(IMP);
        assertThat(doc.getElementsByTagName("ClickThrough").item(0).getTextContent()).isEqualTo(CLICK);
    }

    @Test
    void nativeAnswersTheRequestedAssetIds() {
        Slot slot = Slot.of(fixture("app-native.json").imp().get(0));
        JsonNode n = EventJson.mapper().readTree(AdMarkup.of(nativeAd("n"), slot, IMP, CLICK));
        assertThat(n.get("ver").asString()).isEqualTo("1.2");
        assertThat(n.get("link").get("url").asString()).isEqualTo(CLICK);
        assertThat(n.get("imptrackers").get(0).asString()).isEqualTo(IMP);
        assertThat(n.get("assets")).hasSize(3);
        assertThat(n.get("assets").findValues("id")).extracting(JsonNode::asInt).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(n.get("assets").get(0).get("title").get("text").asString()).startsWith("Spring sale");
    }
}
