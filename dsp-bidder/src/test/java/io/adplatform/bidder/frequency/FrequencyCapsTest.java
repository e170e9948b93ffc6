package io.adplatform.bidder.frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.adplatform.common.dsp.CampaignConfig.CapScope;
import io.adplatform.common.dsp.CampaignConfig.FrequencyCap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrequencyCapsTest {

    /** 10:00:00 UTC: the start of an hour bucket. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-03T10:00:00Z"), ZoneOffset.UTC);
    private static final long HOUR_BUCKET = CLOCK.instant().getEpochSecond() / 3600;

    private static final FrequencyCap TWO_PER_HOUR = new FrequencyCap(CapScope.CAMPAIGN, 2, 3600);
    private static final FrequencyCap ONE_PER_HOUR_PER_CREATIVE = new FrequencyCap(CapScope.CREATIVE, 1, 3600);

    private static Instant at(Duration sinceTen) {
        return CLOCK.instant().plus(sinceTen);
    }

    @Test
    void aCampaignCapCountsTheCampaignsImpressionsInTheWindow() {
        List<FrequencyCap> caps = List.of(TWO_PER_HOUR);
        Map<String, String> hash = new HashMap<>();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, UserCounters.parse(hash), CLOCK.instant())).isTrue();

        hash.put(UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET), "1");
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, UserCounters.parse(hash), CLOCK.instant())).isTrue();

        hash.put(UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET), "2");
        UserCounters twice = UserCounters.parse(hash);
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, twice, at(Duration.ofMinutes(59)))).isFalse();
        assertThat(FrequencyCaps.campaignAllowed("c2", caps, twice, CLOCK.instant())).as("other campaign").isTrue();
        assertThat(FrequencyCaps.campaignAllowed("c1", List.of(), twice, CLOCK.instant())).as("no caps").isTrue();
    }

    /**
     * Two impressions in the 10:00 bucket. At 11:00 the window still holds them all; as 11:xx goes on the previous
     * bucket's weight falls, so by 11:30 one more fits (estimate 1), and by 12:00 the cap is free again.
     */
    @Test
    void theWindowRollsOverWithTheClock() {
        List<FrequencyCap> caps = List.of(TWO_PER_HOUR);
        UserCounters twoAtTen = UserCounters.parse(
                Map.of(UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET), "2"));

        assertThat(FrequencyCaps.campaignAllowed("c1", caps, twoAtTen, at(Duration.ofMinutes(60)))).isFalse();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, twoAtTen, at(Duration.ofMinutes(80)))).isFalse();
        assertThat(FrequencyCaps.estimate(CapScope.CAMPAIGN, "c1", 3600, twoAtTen, at(Duration.ofMinutes(90))
                .getEpochSecond())).isCloseTo(1.0, within(1e-9));
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, twoAtTen, at(Duration.ofMinutes(90)))).isTrue();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, twoAtTen, at(Duration.ofMinutes(120)))).isTrue();

        // one more at 11:30: now the 11:00 bucket holds 1, the 10:00 one still weighs
        UserCounters afterThird = UserCounters.parse(Map.of(
                UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET), "2",
                UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET + 1), "1"));
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, afterThird, at(Duration.ofMinutes(105)))).isFalse();
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, afterThird, at(Duration.ofMinutes(120)))).isTrue();
    }

    @Test
    void aCreativeCapCountsEachCreativeOnItsOwn() {
        List<FrequencyCap> caps = List.of(TWO_PER_HOUR, ONE_PER_HOUR_PER_CREATIVE);
        UserCounters seenA = UserCounters.parse(Map.of(
                UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET), "1",
                UserCounters.field(CapScope.CREATIVE, "crA", 3600, HOUR_BUCKET), "1"));

        assertThat(FrequencyCaps.campaignAllowed("c1", caps, seenA, CLOCK.instant())).isTrue();
        assertThat(FrequencyCaps.creativeAllowed("crA", caps, seenA, CLOCK.instant())).isFalse();
        assertThat(FrequencyCaps.creativeAllowed("crB", caps, seenA, CLOCK.instant())).isTrue();
        assertThat(FrequencyCaps.allowed("c1", "crA", caps, seenA, CLOCK.instant())).isFalse();
        assertThat(FrequencyCaps.allowed("c1", "crB", caps, seenA, CLOCK.instant())).isTrue();
        assertThat(FrequencyCaps.campaignAllowed("c1", List.of(ONE_PER_HOUR_PER_CREATIVE), seenA, CLOCK.instant()))
                .as("creative caps do not limit the campaign as a whole").isTrue();
    }

    @Test
    void everyCapMustAllowAndAZeroCapNeverDoes() {
        List<FrequencyCap> caps = List.of(new FrequencyCap(CapScope.CAMPAIGN, 10, 86_400), TWO_PER_HOUR);
        UserCounters counters = UserCounters.parse(Map.of(
                UserCounters.field(CapScope.CAMPAIGN, "c1", 86_400, CLOCK.instant().getEpochSecond() / 86_400), "2",
                UserCounters.field(CapScope.CAMPAIGN, "c1", 3600, HOUR_BUCKET), "2"));
        assertThat(FrequencyCaps.campaignAllowed("c1", caps, counters, CLOCK.instant())).isFalse();
        assertThat(FrequencyCaps.campaignAllowed("c1", List.of(new FrequencyCap(CapScope.CAMPAIGN, 0, 3600)),
                UserCounters.EMPTY, CLOCK.instant())).isFalse();
    }

    @Test
    void foreignOrBrokenFieldsAreIgnored() {
        UserCounters counters = UserCounters.parse(Map.of("other", "5", "c:x:1:c1", "3", "c:3600:1:c1", "oops",
                "r:60:7:a:b", "4"));
        assertThat(counters.count(CapScope.CAMPAIGN, "c1", 3600, 1)).isZero();
        assertThat(counters.count(CapScope.CREATIVE, "a:b", 60, 7)).as("ids may hold colons").isEqualTo(4);
        assertThat(UserCounters.parse(Map.of())).isSameAs(UserCounters.EMPTY);
    }
}
