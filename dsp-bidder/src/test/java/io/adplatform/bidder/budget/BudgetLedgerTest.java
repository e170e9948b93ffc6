package io.adplatform.bidder.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {

    private static final long CPM = 2_000_000; // one impression costs 2,000 micros

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T10:00:00Z"));
    private final List<String> lowSignals = new ArrayList<>();
    private final BudgetLedger ledger = new BudgetLedger(clock, Duration.ofSeconds(60), 1.0, 50, lowSignals::add);

    private long validFor(Duration d) {
        return clock.millis() + d.toMillis();
    }

    @Test
    void unknownCampaignsAndCampaignsWithoutALeaseDoNotBid() {
        assertThat(ledger.admit("nope", CPM, 0.0)).isFalse();

        ledger.track("c", true, 1_000);
        assertThat(ledger.admit("c", CPM, 0.0)).isFalse();
        assertThat(lowSignals).containsExactly("c");
        assertThat(ledger.leaseLow("c")).isTrue();
    }

    @Test
    void admitsWhileTheLeaseHasRoomReservingEachBidsExpectedCost() {
        ledger.track("c", true, 3_000);
        ledger.refreshed("c", 10_000, 0, 0, false, validFor(Duration.ofSeconds(15)));
        assertThat(ledger.leaseLow("c")).isFalse();

        // Prior win rate 1: each bid reserves its full cost, 2,000
        for (int i = 0; i < 5; i++) {
            assertThat(ledger.admit("c", CPM, 0.5)).as("bid %d", i).isTrue();
        }
        assertThat(ledger.headroom("c")).isZero();
        assertThat(ledger.admit("c", CPM, 0.5)).isFalse();
        assertThat(lowSignals).as("told once, when headroom fell under 3,000").containsExactly("c");

        // The refresh shows 4,000 spent (two wins): that spend is no longer in flight; the lease grew to 20,000
        ledger.refreshed("c", 20_000, 4_000, 2, false, validFor(Duration.ofSeconds(15)));
        BudgetLedger.Snapshot s = ledger.snapshot("c");
        assertThat(s.inFlightMicros()).isEqualTo(6_000);
        assertThat(s.headroomMicros()).isEqualTo(20_000 - 4_000 - 6_000);
        assertThat(ledger.admit("c", CPM, 0.5)).isTrue();
    }

    @Test
    void theWinRateShrinksWhatABidReserves() {
        ledger.track("c", true, 0);
        ledger.refreshed("c", 1_000_000, 0, 0, false, validFor(Duration.ofSeconds(15)));
        for (int i = 0; i < 150; i++) {
            ledger.admit("c", CPM, 0.0);
        }
        ledger.refreshed("c", 1_000_000, 30_000, 15, false, validFor(Duration.ofSeconds(15)));
        // (15 wins + 50 × 1.0) / (150 bids + 50) = 0.325
        assertThat(ledger.snapshot("c").winRate()).isEqualTo(0.325);

        long before = ledger.snapshot("c").inFlightMicros();
        ledger.admit("c", CPM, 0.0);
        assertThat(ledger.snapshot("c").inFlightMicros() - before).isEqualTo(650); // ⌈2,000 × 0.325⌉
    }

    @Test
    void inFlightEstimatesDecayAfterTheWindow() {
        ledger.track("c", true, 0);
        ledger.refreshed("c", 4_000, 0, 0, false, validFor(Duration.ofMinutes(10)));
        assertThat(ledger.admit("c", CPM, 0.0)).isTrue();
        assertThat(ledger.admit("c", CPM, 0.0)).isTrue();
        assertThat(ledger.admit("c", CPM, 0.0)).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(ledger.snapshot("c").inFlightMicros()).isEqualTo(4_000);
        assertThat(ledger.admit("c", CPM, 0.0)).isFalse();

        clock.advance(Duration.ofSeconds(31)); // no win notice within the window: those bids lost
        assertThat(ledger.snapshot("c").inFlightMicros()).isZero();
        assertThat(ledger.admit("c", CPM, 0.0)).isTrue();
    }

    @Test
    void pacingExhaustionAndAVoidLeaseRefuse() {
        ledger.track("c", true, 0);
        ledger.refreshed("c", 1_000_000, 0, 0, false, validFor(Duration.ofSeconds(15)));
        ledger.pacingRate("c", 0.25);
        assertThat(ledger.admit("c", CPM, 0.30)).isFalse();
        assertThat(ledger.admit("c", CPM, 0.20)).isTrue();

        ledger.pacingRate("c", 1.0);
        clock.advance(Duration.ofSeconds(15)); // not renewed: the store may have given the lease away
        assertThat(ledger.admit("c", CPM, 0.0)).isFalse();
        assertThat(ledger.leaseLow("c")).isTrue();

        ledger.refreshed("c", 1_000_000, 1_000_000, 500, true, validFor(Duration.ofSeconds(15)));
        assertThat(ledger.admit("c", CPM, 0.0)).isFalse();
        assertThat(ledger.snapshot("c").exhausted()).isTrue();
    }

    @Test
    void unlimitedCampaignsNeedNoLeaseAndForgottenOnesStop() {
        ledger.track("free", false, 0);
        assertThat(ledger.admit("free", CPM, 0.0)).isTrue();
        assertThat(ledger.headroom("free")).isEqualTo(Long.MAX_VALUE);

        ledger.retain(Set.of());
        assertThat(ledger.admit("free", CPM, 0.0)).isFalse();
        assertThat(ledger.campaigns()).isEmpty();
    }

    @Test
    void costIsCpmOverAThousandRoundedUp() {
        assertThat(BudgetLedger.cost(2_000_000)).isEqualTo(2_000);
        assertThat(BudgetLedger.cost(1_234_567)).isEqualTo(1_235);
        assertThat(BudgetLedger.cost(0)).isZero();
    }
}
