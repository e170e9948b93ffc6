package io.adplatform.offline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTermsTest {

    static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    static final LeaseTerms TERMS = new LeaseTerms(Duration.ofSeconds(60));

    @Test
    void aFreeExpiredOrOwnLeaseMayBeTaken() {
        assertThat(TERMS.mayTake(null, NOW.minusSeconds(5), "a", NOW)).as("released").isTrue();
        assertThat(TERMS.mayTake("b", NOW.minusMillis(1), "a", NOW)).as("expired").isTrue();
        assertThat(TERMS.mayTake("a", NOW.plusSeconds(30), "a", NOW)).as("own").isTrue();
    }

    @Test
    void anotherInstancesLiveLeaseMayNot() {
        assertThat(TERMS.mayTake("b", NOW.plusSeconds(30), "a", NOW)).isFalse();
        assertThat(TERMS.mayTake("b", NOW, "a", NOW)).as("ends exactly now: still held").isFalse();
        assertThat(TERMS.heldByOther("b", NOW.plusSeconds(1), "a", NOW)).isTrue();
    }

    @Test
    void leasesLastTheirDurationAndAreRenewedEveryThird() {
        assertThat(TERMS.until(NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(TERMS.renewEvery()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aCrashedHoldersLeaseLapsesWithinOneDuration() {
        Instant lastRenewal = NOW;
        Instant until = TERMS.until(lastRenewal);

        assertThat(TERMS.mayTake("crashed", until, "a", lastRenewal.plusSeconds(59))).isFalse();
        assertThat(TERMS.mayTake("crashed", until, "a", lastRenewal.plusSeconds(61))).isTrue();
    }

    @Test
    void aDurationMustBePositive() {
        assertThatThrownBy(() -> new LeaseTerms(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
