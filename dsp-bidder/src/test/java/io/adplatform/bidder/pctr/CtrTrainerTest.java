package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtrTrainerTest {

    final ExampleJoinerTest.MutableClock clock = new ExampleJoinerTest.MutableClock(Instant.parse("2025-05-01T10:00:00Z"));

    @Test
    void trainsOnJoinedExamplesAndCountsThemPerCampaign() {
        ExampleJoiner joiner = new ExampleJoiner(clock, Duration.ofMinutes(1), 10_000, 100);
        CtrTrainer trainer = new CtrTrainer(new FtrlProximal(12, new FtrlProximal.Params(0.1, 1, 0, 1)), joiner,
                Map.of("old", 500L));
        int[] good = CtrFeatures.hash(12, new FeatureContext("good", "g", "s", "p", "DEU", "ios", 1, 2, 3, "VIDEO"));
        int[] bad = CtrFeatures.hash(12, new FeatureContext("bad", "b", "s", "p", "DEU", "ios", 1, 2, 3, "VIDEO"));
        for (int i = 0; i < 2000; i++) {
            joiner.impression("g" + i, good, "good", clock.instant());
            joiner.impression("b" + i, bad, "bad", clock.instant());
            if (i % 4 == 0) {
                joiner.click("g" + i, clock.instant());
            }
        }
        assertThat(trainer.train()).as("nothing before the window ends").isZero();
        assertThat(trainer.logLoss()).isNaN();
        clock.advance(Duration.ofMinutes(1));
        assertThat(trainer.train()).isEqualTo(4000);

        CtrModel model = trainer.snapshot(9);
        assertThat(model.version()).isEqualTo(9);
        assertThat(model.campaignImpressions()).containsExactlyInAnyOrderEntriesOf(
                Map.of("good", 2000L, "bad", 2000L, "old", 500L));
        assertThat(model.predict(good)).isBetween(0.15, 0.35);
        assertThat(model.predict(bad)).isLessThan(0.05);
        assertThat(trainer.examples()).isEqualTo(4000);
        assertThat(trainer.clicks()).isEqualTo(500);
        assertThat(trainer.logLoss()).isBetween(0.05, Math.log(2));
    }

    @Test
    void theHolderOnlyMovesForward() {
        CtrModelHolder holder = new CtrModelHolder(CtrModel.empty(8));
        CtrModel v5 = new FtrlProximal(8, new FtrlProximal.Params(0.1, 1, 1, 1)).snapshot(5, Map.of());
        CtrModel v3 = new FtrlProximal(8, new FtrlProximal.Params(0.1, 1, 1, 1)).snapshot(3, Map.of());
        assertThat(holder.install(v5)).isTrue();
        assertThat(holder.install(v3)).isFalse();
        assertThat(holder.install(v5)).isFalse();
        assertThat(holder.current()).isSameAs(v5);
    }
}
