package io.adplatform.loadgen.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Format;
import io.adplatform.common.kafka.EventJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

class CampaignGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static List<CampaignConfig> campaigns;

    @BeforeAll
    static void generate() {
        campaigns = new CampaignGenerator(7, CLOCK).generate(10_000);
    }

    @Test
    void theSameSeedGivesTheSameCampaignsAndAnotherSeedOthers() {
        assertThat(new CampaignGenerator(7, CLOCK).generate(10_000)).isEqualTo(campaigns);
        assertThat(new CampaignGenerator(8, CLOCK).generate(100)).isNotEqualTo(campaigns.subList(0, 100));
    }

    @Test
    void campaignsRoundTripThroughTheWireJson() {
        byte[] json = EventJson.mapper().writeValueAsBytes(campaigns);

        List<CampaignConfig> read = EventJson.mapper().readValue(json, new TypeReference<List<CampaignConfig>>() {
        });

        assertThat(read).isEqualTo(campaigns);
    }

    @Test
    void tenThousandActiveCampaignsWithDistinctIdsAndBudgetsNoBenchCanSpend() {
        assertThat(campaigns).hasSize(10_000)
                .allMatch(c -> c.status() == CampaignConfig.Status.ACTIVE)
                .allMatch(c -> c.budget().dailyMicros() >= 1_000_000L * 1_000_000L)
                .allMatch(c -> c.budget().totalMicros() == 0 || c.budget().totalMicros() > c.budget().dailyMicros())
                .allMatch(c -> c.endAt() == null || c.endAt().isAfter(CLOCK.instant()))
                .allMatch(c -> c.startAt() == null || c.startAt().isBefore(CLOCK.instant()));
        assertThat(campaigns.stream().map(CampaignConfig::id).collect(Collectors.toSet())).hasSize(10_000);
    }

    @Test
    void pricingPacingAndCreativesAreSpreadLikeARealBook() {
        assertThat(share(c -> c.pricing() == CampaignConfig.Pricing.CPC)).isBetween(0.25, 0.35);
        assertThat(share(c -> c.budget().pacing() == CampaignConfig.Pacing.SMOOTH)).isBetween(0.35, 0.45);
        assertThat(campaigns).allMatch(c -> c.creatives().size() >= 1 && c.creatives().size() <= 4);
        assertThat(share(c -> has(c, Format.BANNER))).isBetween(0.6, 0.7);
        assertThat(share(c -> has(c, Format.VIDEO))).isBetween(0.17, 0.23);
        assertThat(share(c -> has(c, Format.NATIVE))).isBetween(0.17, 0.23);
        Set<String> sizes = new HashSet<>();
        campaigns.forEach(c -> c.creatives().stream().filter(cr -> cr.format() == Format.BANNER)
                .forEach(cr -> sizes.add(cr.w() + "x" + cr.h())));
        assertThat(sizes).containsExactlyInAnyOrderElementsOf(Inventory.BANNER_SIZES);
        assertThat(campaigns).allMatch(c -> c.creatives().stream().noneMatch(cr -> cr.format() == Format.VIDEO
                && (cr.durationSec() <= 0 || cr.markup() == null || !cr.markup().startsWith("<VAST"))));
    }

    @Test
    void targetingUsesTheTrafficsCountriesAndEveryKindOfCondition() {
        Set<String> alpha3 = Geography.COUNTRIES.stream().map(Geography.Country::alpha3).collect(Collectors.toSet());
        Set<String> targeted = campaigns.stream().filter(c -> c.targeting().countries() != null)
                .flatMap(c -> c.targeting().countries().stream()).collect(Collectors.toSet());
        assertThat(alpha3).containsAll(targeted);
        assertThat(targeted).hasSize(30);
        assertThat(share(c -> c.targeting().countries() != null)).isBetween(0.85, 0.95);
        assertThat(share(c -> c.targeting().os() != null)).isBetween(0.35, 0.55);
        assertThat(share(c -> c.targeting().deviceTypes() != null)).isBetween(0.2, 0.35);
        assertThat(share(c -> c.targeting().bundles() != null)).isBetween(0.03, 0.07);
        assertThat(share(c -> c.targeting().blockedDomains() != null)).isBetween(0.07, 0.13);
        assertThat(share(c -> c.targeting().categories() != null)).isBetween(0.15, 0.25);
        assertThat(share(c -> c.targeting().segments() != null)).isBetween(0.12, 0.18);
        assertThat(share(c -> c.targeting().hoursOfWeek() != null)).isBetween(0.12, 0.18);
        assertThat(share(c -> !c.frequencyCaps().isEmpty())).isBetween(0.45, 0.55);
        assertThat(campaigns).allMatch(c -> c.targeting().hoursOfWeek() == null
                || c.targeting().hoursOfWeek().stream().allMatch(h -> h >= 0 && h < 168));
        assertThat(campaigns).allMatch(c -> c.targeting().regions() == null || c.targeting().regions().stream()
                .allMatch(r -> c.targeting().countries().contains(r.substring(0, 3))));
    }

    private static boolean has(CampaignConfig c, Format f) {
        return c.creatives().stream().anyMatch(cr -> cr.format() == f);
    }

    private static double share(Predicate<CampaignConfig> p) {
        return campaigns.stream().filter(p).count() / (double) campaigns.size();
    }
}
