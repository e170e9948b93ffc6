package io.adplatform.admin.adcreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.admin.adcreation.BatchLease.Claim;
import io.adplatform.admin.adcreation.BatchLease.Holder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchLeaseTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    final BatchLease lease = new BatchLease(Duration.ofSeconds(90));

    @Test
    void aRunningBatchNobodyHoldsIsTaken() {
        assertThat(lease.claim(new Holder("RUNNING", null, null), "me", NOW)).isEqualTo(Claim.TAKEN);
        assertThat(lease.until(NOW)).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void aLiveLeaseOfAnotherRunnerIsLeftAloneUntilItRunsOut() {
        Holder h = new Holder("RUNNING", "other", NOW.plusMillis(1));
        assertThat(lease.claim(h, "me", NOW)).isEqualTo(Claim.HELD_BY_OTHER);
        assertThat(lease.claim(h, "me", NOW)).extracting(Claim::granted).isEqualTo(false);
        Holder atTheEdge = new Holder("RUNNING", "other", NOW);
        assertThat(lease.claim(atTheEdge, "me", NOW)).as("lease_until >= now still holds").isEqualTo(Claim.HELD_BY_OTHER);
        Holder ranOut = new Holder("RUNNING", "other", NOW.minusMillis(1));
        assertThat(lease.claim(ranOut, "me", NOW)).isEqualTo(Claim.TAKEN_OVER);
        assertThat(Claim.TAKEN_OVER.granted()).isTrue();
    }

    @Test
    void aRunnerClaimingItsOwnLeaseRenewsItAndFinishedBatchesAreNotClaimed() {
        assertThat(lease.claim(new Holder("RUNNING", "me", NOW.minusSeconds(5)), "me", NOW)).isEqualTo(Claim.RENEWED);
        assertThat(lease.claim(new Holder("DONE", null, null), "me", NOW)).isEqualTo(Claim.NOT_RUNNING);
        assertThat(lease.claim(new Holder("PARTIAL", "me", NOW.plusSeconds(5)), "me", NOW))
                .isEqualTo(Claim.NOT_RUNNING);
        assertThat(lease.claim(null, "me", NOW)).isEqualTo(Claim.NOT_RUNNING);
    }

    @Test
    void onlyTheOwnerOfALiveLeaseMayWrite() {
        Holder mine = new Holder("RUNNING", "me", NOW.plusSeconds(1));
        assertThat(lease.holds(mine, "me", NOW)).isTrue();
        assertThat(lease.holds(mine, "other", NOW)).isFalse();
        assertThat(lease.holds(new Holder("RUNNING", "me", NOW.minusMillis(1)), "me", NOW))
                .as("expired: may be taken over any moment").isFalse();
        assertThat(lease.holds(new Holder("DONE", "me", NOW.plusSeconds(1)), "me", NOW)).isFalse();
    }

    @Test
    void thePollerPicksOnlyBatchesWithoutALiveLease() {
        assertThat(lease.orphaned(new Holder("RUNNING", null, null), NOW)).isTrue();
        assertThat(lease.orphaned(new Holder("RUNNING", "dead", NOW.minusSeconds(1)), NOW)).isTrue();
        assertThat(lease.orphaned(new Holder("RUNNING", "alive", NOW.plusSeconds(1)), NOW)).isFalse();
        assertThat(lease.orphaned(new Holder("DONE", null, null), NOW)).isFalse();
    }

    @Test
    void theLeaseIsRenewedEveryThirdOfIt() {
        assertThat(lease.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(lease.renewDue(NOW, NOW.plusSeconds(29))).isFalse();
        assertThat(lease.renewDue(NOW, NOW.plusSeconds(30))).isTrue();
        assertThat(lease.renewDue(NOW, NOW.plusSeconds(200))).isTrue();
    }

    @Test
    void aLeaseMustBePositive() {
        assertThatThrownBy(() -> new BatchLease(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
