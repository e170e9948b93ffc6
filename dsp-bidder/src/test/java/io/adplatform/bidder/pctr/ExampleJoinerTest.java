package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleJoinerTest {

    static final Duration WINDOW = Duration.ofMinutes(30);
    static final int[] F1 = {1, 2, 3};
    static final int[] F2 = {4, 5, 6};

    final MutableClock clock = new MutableClock(Instant.parse("2025-05-01T10:00:00Z"));
    final ExampleJoiner joiner = new ExampleJoiner(clock, WINDOW, 1000, 100);

    @Test
    void anUnclickedImpressionBecomesANegativeWhenItsWindowEnds() {
        joiner.impression("b1", F1, "c1", clock.instant());
        clock.advance(WINDOW.minusSeconds(1));
        assertThat(joiner.drainReady()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(joiner.drainReady()).containsExactly(new ExampleJoiner.Example(F1, "c1", false));
        assertThat(joiner.pending()).isZero();
        assertThat(joiner.drainReady()).isEmpty();
    }

    @Test
    void aClickedImpressionIsReleasedAsAPositiveInImpressionOrder() {
        Instant shown = clock.instant();
        joiner.impression("b1", F1, "c1", shown);
        clock.advance(Duration.ofMinutes(1));
        joiner.impression("b2", F2, "c2", shown.plusSeconds(60));
        joiner.click("b2", shown.plusSeconds(70));
        joiner.click("b1", shown.plusSeconds(80));
        assertThat(joiner.drainReady()).as("a click does not jump the queue").isEmpty();
        clock.advance(WINDOW.minusMinutes(1));
        assertThat(joiner.drainReady()).containsExactly(new ExampleJoiner.Example(F1, "c1", true));
        clock.advance(Duration.ofMinutes(1));
        assertThat(joiner.drainReady()).containsExactly(new ExampleJoiner.Example(F2, "c2", true));
        assertThat(joiner.stats().clicks()).isEqualTo(2);
        assertThat(joiner.stats().negatives()).isZero();
    }

    @Test
    void aClickBeforeItsImpressionIsJoined() {
        joiner.click("b1", clock.instant().plusMillis(300));
        clock.advance(Duration.ofSeconds(5));
        assertThat(joiner.drainReady()).isEmpty();
        joiner.impression("b1", F1, "c1", clock.instant().minusSeconds(5));
        clock.advance(WINDOW);
        assertThat(joiner.drainReady()).containsExactly(new ExampleJoiner.Example(F1, "c1", true));
        assertThat(joiner.stats().unmatchedClicks()).isZero();
    }

    @Test
    void anEarlyClickWithoutImpressionIsForgottenAfterTheWindow() {
        joiner.click("b1", clock.instant());
        clock.advance(WINDOW);
        assertThat(joiner.drainReady()).isEmpty();
        assertThat(joiner.stats().unmatchedClicks()).isEqualTo(1);
        joiner.impression("b1", F1, "c1", clock.instant());
        clock.advance(WINDOW);
        assertThat(joiner.drainReady()).containsExactly(new ExampleJoiner.Example(F1, "c1", false));
    }

    @Test
    void aClickAfterTheWindowInEventTimeDoesNotCount() {
        Instant shown = clock.instant();
        joiner.impression("b1", F1, "c1", shown);
        joiner.click("b1", shown.plus(WINDOW).plusSeconds(1));
        clock.advance(WINDOW);
        assertThat(joiner.drainReady()).containsExactly(new ExampleJoiner.Example(F1, "c1", false));
        assertThat(joiner.stats().lateClicks()).isEqualTo(1);
    }

    @Test
    void duplicateImpressionsAndClicksCountOnce() {
        Instant shown = clock.instant();
        joiner.impression("b1", F1, "c1", shown);
        joiner.impression("b1", F1, "c1", shown);
        joiner.click("b1", shown.plusSeconds(10));
        joiner.click("b1", shown.plusSeconds(11));
        joiner.impression("b1", F1, "c1", shown);
        joiner.impression("b2", F2, "c2", shown);
        joiner.impression("b2", F2, "c2", shown);
        joiner.click("b3", shown);
        joiner.click("b3", shown);
        clock.advance(WINDOW);
        List<ExampleJoiner.Example> examples = joiner.drainReady();

        assertThat(examples).containsExactly(new ExampleJoiner.Example(F1, "c1", true),
                new ExampleJoiner.Example(F2, "c2", false));
        ExampleJoiner.Stats stats = joiner.stats();
        assertThat(stats.impressions()).isEqualTo(2);
        assertThat(stats.duplicateImpressions()).isEqualTo(3);
        assertThat(stats.clicks()).isEqualTo(1);
        assertThat(stats.duplicateClicks()).isEqualTo(2);
        assertThat(stats.unmatchedClicks()).isEqualTo(1);
        assertThat(stats.negatives()).isEqualTo(1);
    }

    @Test
    void whenFullTheOldestImpressionIsReleasedEarly() {
        ExampleJoiner small = new ExampleJoiner(clock, WINDOW, 2, 2);
        Instant shown = clock.instant();
        small.impression("b1", F1, "c1", shown);
        small.click("b1", shown);
        small.impression("b2", F2, "c2", shown);
        small.impression("b3", F2, "c3", shown);
        assertThat(small.drainReady()).containsExactly(new ExampleJoiner.Example(F1, "c1", true));
        small.impression("b4", F2, "c4", shown);
        assertThat(small.drainReady()).containsExactly(new ExampleJoiner.Example(F2, "c2", false));
        assertThat(small.pending()).isEqualTo(2);
        assertThat(small.stats().evicted()).isEqualTo(2);

        small.click("x1", shown);
        small.click("x2", shown);
        small.click("x3", shown);
        assertThat(small.stats().unmatchedClicks()).as("oldest early click pushed out").isEqualTo(1);
        small.impression("x1", F1, "c1", shown);
        small.impression("x3", F1, "c1", shown);
        clock.advance(WINDOW);
        assertThat(small.drainReady()).containsExactly(new ExampleJoiner.Example(F2, "c3", false),
                new ExampleJoiner.Example(F2, "c4", false), new ExampleJoiner.Example(F1, "c1", false),
                new ExampleJoiner.Example(F1, "c1", true));
    }

    @Test
    void impressionsWithoutFeaturesAreCountedNotKept() {
        joiner.impression("b1", null, "c1", clock.instant());
        assertThat(joiner.pending()).isZero();
        assertThat(joiner.stats().unusable()).isEqualTo(1);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
