package io.adplatform.admin.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Budget;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.dsp.CampaignConfig.Format;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import io.adplatform.common.dsp.CampaignConfig.Pacing;
import io.adplatform.common.dsp.CampaignConfig.Pricing;
import io.adplatform.common.dsp.CampaignValidator;
import io.adplatform.web.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaign's life without Spring: versions, statuses, what the bidders are owed, the rules a draft must pass. */
class DspCampaignTest {

    static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final CampaignValidator rules = new CampaignValidator("USD");

    static Creative banner(String id) {
        return new Creative(id, Format.BANNER, 320, 50, null, 0, null, null, null, "https://cdn.example.com/b.png",
                null, "https://shop.example.com/", null, List.of("shop.example.com"), List.of(), List.of());
    }

    static CampaignDraft draft(CampaignConfig.Status status, Instant endAt) {
        return new CampaignDraft("Spring sale", null, status, Pricing.CPM, 2_000_000L, null,
                new Budget(100_000_000, 0, Pacing.SMOOTH), null, endAt, null,
                List.of(new FrequencyCap(CampaignConfig.CapScope.CAMPAIGN, 3, 86_400)), 0.01, List.of(banner("b1")));
    }

    DspCampaign created(CampaignDraft d) {
        CampaignConfig c = d.toConfig("dsp-1", "com.example.app", 1,
                d.status() == null ? CampaignConfig.Status.PAUSED : d.status(), "USD");
        assertThat(d.problems(c, rules, clock.instant(), null)).isEmpty();
        return DspCampaign.create("dsp-1", "com.example.app", c, clock.instant());
    }

    @Test
    void aNewCampaignIsVersionOnePausedAndItsAdvertiserAndCurrencyDefault() {
        DspCampaign c = created(draft(null, null));

        assertThat(c.version()).isEqualTo(1);
        assertThat(c.status()).isEqualTo(DspCampaign.State.PAUSED);
        assertThat(c.published()).isEqualTo(c.config());
        assertThat(c.config().status()).isEqualTo(CampaignConfig.Status.PAUSED);
        assertThat(c.config().advertiser()).isEqualTo("com.example.app");
        assertThat(c.config().currency()).isEqualTo("USD");
        assertThat(c.config().version()).isEqualTo(1);
        assertThat(c.publishedVersion()).isZero();
    }

    @Test
    void everyChangeIsTheNextVersionAndAnArchivedCampaignIsATombstoneThatCannotChange() {
        DspCampaign c = created(draft(CampaignConfig.Status.ACTIVE, null));
        Instant later = T0.plusSeconds(60);

        DspCampaign paused = c.pause(later);
        assertThat(paused.version()).isEqualTo(2);
        assertThat(paused.config().version()).isEqualTo(2);
        assertThat(paused.config().status()).isEqualTo(CampaignConfig.Status.PAUSED);
        assertThat(paused.updatedAt()).isEqualTo(later);
        assertThat(paused.pause(later)).as("pausing a paused campaign changes nothing").isSameAs(paused);

        DspCampaign resumed = paused.resume(later);
        assertThat(resumed.version()).isEqualTo(3);
        assertThat(resumed.published().status()).isEqualTo(CampaignConfig.Status.ACTIVE);

        DspCampaign archived = resumed.archive(later);
        assertThat(archived.version()).isEqualTo(4);
        assertThat(archived.status()).isEqualTo(DspCampaign.State.ARCHIVED);
        assertThat(archived.published()).as("tombstone").isNull();
        assertThatThrownBy(() -> archived.resume(later)).isInstanceOf(DspCampaign.Refused.class);
        assertThatThrownBy(() -> archived.pause(later)).isInstanceOf(DspCampaign.Refused.class);
        assertThatThrownBy(() -> archived.archive(later)).isInstanceOf(DspCampaign.Refused.class);
        assertThatThrownBy(() -> archived.revise(archived.config(), later)).isInstanceOf(DspCampaign.Refused.class);
    }

    @Test
    void aCampaignWhoseFlightEndedCannotBeResumedButKeepsItsEndOnOtherChanges() {
        Instant end = T0.plus(Duration.ofDays(1));
        DspCampaign c = created(draft(CampaignConfig.Status.PAUSED, end));
        Instant after = end.plusSeconds(1);

        assertThatThrownBy(() -> c.resume(after)).isInstanceOf(DspCampaign.Refused.class).hasMessageContaining("ended");
        // Renaming it after the end keeps the old end: allowed; moving the end into the past: refused.
        CampaignDraft rename = draft(null, end);
        assertThat(rename.problems(rename.toConfig("dsp-1", "a", 2, CampaignConfig.Status.PAUSED, "USD"), rules,
                after, end)).isEmpty();
        CampaignDraft backdate = draft(null, end.minusSeconds(10));
        assertThat(backdate.problems(backdate.toConfig("dsp-1", "a", 2, CampaignConfig.Status.PAUSED, "USD"), rules,
                after, end)).extracting(FieldError::field).containsExactly("endAt");
    }

    @Test
    void aDraftIsCheckedWithTheBiddersRulesAndOursNamingEveryField() {
        Creative bad = new Creative("b1", Format.BANNER, 0, 50, null, 0, null, null, null, null, null, "ftp://x",
                null, List.of(), null, null);
        CampaignDraft d = new CampaignDraft(" ", "", null, null, null, "EUR", new Budget(-1, 0, null), null,
                T0.minusSeconds(1), null, List.of(new FrequencyCap(null, 0, 0)), null, List.of(bad));
        CampaignConfig c = d.toConfig("dsp-1", "com.example.app", 1, CampaignConfig.Status.PAUSED, "USD");

        assertThat(d.problems(c, rules, T0, null)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "name", "advertiser", "pricing", "priceMicros", "currency", "budget.dailyMicros", "budget.pacing",
                "ctrPrior", "frequencyCaps[0].scope", "frequencyCaps[0].max", "frequencyCaps[0].windowSeconds",
                "creatives[0].w", "creatives[0].landingUrl", "creatives[0].adomain", "creatives[0].markup", "endAt");
        CampaignDraft none = new CampaignDraft("n", null, null, Pricing.CPC, 1L, null, new Budget(0, 0, Pacing.FAST),
                null, null, null, null, 0.01, null);
        assertThat(none.problems(none.toConfig("x", "a", 1, CampaignConfig.Status.PAUSED, "USD"), rules, T0, null))
                .extracting(FieldError::field).containsExactly("creatives");
    }
}
