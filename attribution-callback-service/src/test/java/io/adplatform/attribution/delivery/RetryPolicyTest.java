package io.adplatform.attribution.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 1.5, 0.5);

    @Test
    void growsByTheMultiplierUpToTheCapWithoutJitterAtTheMidpoint() {
        assertThat(policy.delay(1, null, () -> 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2, null, () -> 0.5)).isEqualTo(Duration.ofMillis(150));
        assertThat(policy.delay(3, null, () -> 0.5)).isEqualTo(Duration.ofMillis(225));
        assertThat(policy.delay(30, null, () -> 0.5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterSpreadsByHalfEitherWay() {
        assertThat(policy.delay(1, null, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delay(1, null, () -> 0.999999)).isEqualTo(Duration.ofMillis(150));
        assertThat(policy.delay(30, null, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLongerWaitAskedForByThePartnerWins() {
        assertThat(policy.delay(1, Duration.ofMinutes(5), () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delay(1, Duration.ofMinutes(5), () -> 0.5)).isEqualTo(Duration.ofSeconds(315));
        assertThat(policy.delay(1, Duration.ofMillis(10), () -> 0.5)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 1.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 1.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(1), Duration.ofSeconds(1), 1.5, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tasksGoToTheShortestTierCoveringTheirDelay() {
        assertThat(DeliveryTopics.tierFor(Duration.ZERO).topic()).isEqualTo("attribution-retry-1s");
        assertThat(DeliveryTopics.tierFor(Duration.ofMillis(1000)).topic()).isEqualTo("attribution-retry-1s");
        assertThat(DeliveryTopics.tierFor(Duration.ofMillis(1001)).topic()).isEqualTo("attribution-retry-10s");
        assertThat(DeliveryTopics.tierFor(Duration.ofSeconds(30)).topic()).isEqualTo("attribution-retry-1m");
        assertThat(DeliveryTopics.tierFor(Duration.ofMinutes(9)).topic()).isEqualTo("attribution-retry-10m");
        assertThat(DeliveryTopics.tierFor(Duration.ofHours(2)).topic()).isEqualTo("attribution-retry-10m");
    }

    @Test
    void eventTimeNeverLiesInTheFuture() {
        java.time.Instant now = java.time.Instant.parse("2026-11-20T10:00:00Z");
        var e = io.adplatform.attribution.support.TestEvents.android("e", "app", null,
                io.adplatform.common.event.EventType.LOGIN, null, null, false, now.plusSeconds(600)).event();

        assertThat(DeliveryPipeline.eventTime(e, now)).isEqualTo(now);
    }
}
