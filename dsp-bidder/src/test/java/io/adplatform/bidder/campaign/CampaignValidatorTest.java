package io.adplatform.bidder.campaign;

import static io.adplatform.bidder.support.TestCampaigns.banner;
import static io.adplatform.bidder.support.TestCampaigns.cpm;
import static io.adplatform.bidder.support.TestCampaigns.video;
import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.dsp.CampaignValidator;
import io.adplatform.common.dsp.CampaignValidator.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignValidatorTest {

    final CampaignValidator validator = new CampaignValidator("USD");

    @Test
    void aGoodCampaignPasses() {
        assertThat(validator.validate(List.of(cpm("c1", 1_000_000, null, banner("b", 300, 250), video("v")))))
                .isEmpty();
    }

    @Test
    void theDocumentedExampleCampaignsAreValid() throws Exception {
        java.nio.file.Path example = java.nio.file.Path.of("..", "docs", "examples", "bidder-campaigns.json");
        List<CampaignConfig> campaigns = List.of(io.adplatform.common.kafka.EventJson.mapper()
                .readValue(java.nio.file.Files.readAllBytes(example), CampaignConfig[].class));
        assertThat(campaigns).hasSize(2);
        assertThat(validator.validate(campaigns)).isEmpty();
        assertThat(CampaignCatalog.of(campaigns, 1).size()).isEqualTo(2);
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        Creative badBanner = new Creative("b", CampaignConfig.Format.BANNER, 0, 250, null, 0, null, null, null, null,
                null, "ftp://x", null, List.of(), null, null);
        Creative badVideo = new Creative("b", CampaignConfig.Format.VIDEO, 640, 360, "<html/>", 0, null, null, null,
                null, null, "https://x.example", null, List.of("x.example"), null, null);
        CampaignConfig.Targeting t = new CampaignConfig.Targeting(null, null, null, null, null, null, null, null, null,
                null, null, null, null, Set.of(168), "Mars/Base", Set.of("tv"));
        CampaignConfig bad = new CampaignConfig("bad id!", "a", "n", null, -1, null, 0, "EUR",
                new CampaignConfig.Budget(-1, -5, CampaignConfig.Pacing.SMOOTH), null, null, t,
                List.of(new CampaignConfig.FrequencyCap(null, 0, 0)), 1.5, List.of(badBanner, badVideo));
        List<String> fields = validator.validate(List.of(cpm("ok", 1, null, banner("b", 1, 1)), bad)).stream()
                .map(Problem::field).toList();
        assertThat(fields).contains("[1].id", "[1].status", "[1].pricing", "[1].priceMicros", "[1].currency",
                "[1].version", "[1].budget.dailyMicros", "[1].budget.totalMicros", "[1].ctrPrior",
                "[1].frequencyCaps[0].scope", "[1].frequencyCaps[0].max", "[1].frequencyCaps[0].windowSeconds",
                "[1].targeting.hoursOfWeek", "[1].targeting.timezone", "[1].targeting.inventory",
                "[1].creatives[0].w", "[1].creatives[0].landingUrl", "[1].creatives[0].adomain",
                "[1].creatives[0].markup", "[1].creatives[1].id", "[1].creatives[1].markup",
                "[1].creatives[1].durationSec", "[1].creatives[1].mimes").doesNotContain("[0].id");
    }

    @Test
    void emptyUploadsAndDuplicateIdsAreRefused() {
        assertThat(validator.validate(List.of())).extracting(Problem::field).containsExactly("body");
        CampaignConfig c = cpm("c1", 1_000_000, null, banner("b", 300, 250));
        assertThat(validator.validate(List.of(c, c))).extracting(Problem::field).containsExactly("[1].id");
    }
}
