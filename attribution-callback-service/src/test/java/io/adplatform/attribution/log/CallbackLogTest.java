package io.adplatform.attribution.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.attribution.support.IntegrationTestBase;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.Partner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's claim protocol on the real database. */
class CallbackLogTest extends IntegrationTestBase {

    @Autowired
    CallbackLog log;
    @Autowired
    TransactionTemplate tx;

    static NewCallback callback(String eventId, Partner partner, CallbackStatus status) {
        return new NewCallback(eventId, partner, "com.test.ledger", "PAYMENT", null, "Purchase", true,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), status, status.isFinal() ? "why" : null, "{\"event\":{}}");
    }

    List<LedgerRow> claimNew(List<NewCallback> c, String claim, Instant lease, Instant now) {
        return tx.execute(s -> log.claimNew(c, claim, lease, now));
    }

    @Test
    void aCallbackIsClaimedOnceAndTakenOverOnlyAfterItsLeaseEnds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = EventIds.newId();
        List<NewCallback> both = List.of(callback(id, Partner.META, CallbackStatus.PENDING),
                callback(id, Partner.TIKTOK, CallbackStatus.PENDING));

        List<LedgerRow> first = claimNew(both, "worker-a", now.plusSeconds(30), now);
        List<LedgerRow> second = claimNew(both, "worker-b", now.plusSeconds(30), now.plusSeconds(5));
        List<LedgerRow> third = claimNew(both, "worker-c", now.plusSeconds(90), now.plusSeconds(31));

        assertThat(first).hasSize(2).allMatch(LedgerRow::mine);
        assertThat(second).hasSize(2).noneMatch(LedgerRow::mine);
        assertThat(second).allSatisfy(r -> assertThat(r.leaseUntil()).isEqualTo(now.plusSeconds(30)));
        assertThat(third).hasSize(2).allMatch(LedgerRow::mine);
    }

    @Test
    void outcomesLandOnlyWhereTheClaimStillHoldsAndLostOnesAreReported() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String kept = EventIds.newId();
        String takenOver = EventIds.newId();
        List<LedgerRow> rows = claimNew(List.of(callback(kept, Partner.META, CallbackStatus.PENDING),
                callback(takenOver, Partner.META, CallbackStatus.PENDING)), "worker-a", now.plusMillis(10), now);
        claimNew(List.of(callback(takenOver, Partner.META, CallbackStatus.PENDING)), "worker-b",
                now.plus(Duration.ofSeconds(60)), now.plusSeconds(1));
        long keptId = rows.stream().filter(r -> r.eventId().equals(kept)).findFirst().orElseThrow().id();
        long lostId = rows.stream().filter(r -> r.eventId().equals(takenOver)).findFirst().orElseThrow().id();

        List<Long> lost = tx.execute(s -> log.record(List.of(
                new Outcome(keptId, CallbackStatus.DELIVERED, true, 200, 21L, null, "{\"events_received\":1}", null, null),
                new Outcome(lostId, CallbackStatus.DELIVERED, true, 200, 22L, null, "ok", null, null)),
                "worker-a", now.plusSeconds(2)));

        assertThat(lost).containsExactly(lostId);
        CallbackEntry delivered = log.find(keptId).orElseThrow();
        assertThat(delivered.status()).isEqualTo(CallbackStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lastLatencyMs()).isEqualTo(21L);
        assertThat(delivered.deliveredAt()).isEqualTo(now.plusSeconds(2));
        assertThat(delivered.event()).isEqualTo("{\"event\":{}}");
        assertThat(log.find(lostId).orElseThrow().status()).isEqualTo(CallbackStatus.PENDING);
    }

    @Test
    void aDeferralKeepsTheLastAnswerAndARetryIsHeldUntilDue() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = EventIds.newId();
        long rowId = claimNew(List.of(callback(id, Partner.APPSFLYER, CallbackStatus.PENDING)), "w1",
                now.plusSeconds(30), now).get(0).id();
        Instant due = now.plusSeconds(5);
        tx.execute(s -> log.record(List.of(new Outcome(rowId, CallbackStatus.RETRY_SCHEDULED, true, 500, 30L,
                "HTTP 500: boom", "boom", due, due)), "w1", now));
        long claimedEarly = tx.execute(s -> log.claimExisting(List.of(rowId), "w2", now.plusSeconds(60), now.plusSeconds(1)))
                .stream().filter(LedgerRow::mine).count();
        LedgerRow claimed = tx.execute(s -> log.claimExisting(List.of(rowId), "w3", due.plusSeconds(60), due)).get(0);
        tx.execute(s -> log.record(List.of(new Outcome(rowId, CallbackStatus.RETRY_SCHEDULED, false, null, null,
                "circuit breaker open", null, due.plusSeconds(30), due.plusSeconds(30))), "w3", due));

        CallbackEntry entry = log.find(rowId).orElseThrow();
        assertThat(claimedEarly).isZero();
        assertThat(claimed.mine()).isTrue();
        assertThat(claimed.eventJson()).isEqualTo("{\"event\":{}}");
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.lastHttpStatus()).isEqualTo(500);
        assertThat(entry.partnerResponse()).isEqualTo("boom");
        assertThat(entry.lastError()).isEqualTo("circuit breaker open");
        assertThat(entry.nextAttemptAt()).isEqualTo(due.plusSeconds(30));
    }

    @Test
    void finalRowsAreNeverClaimedAgain() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = EventIds.newId();
        List<LedgerRow> dead = claimNew(List.of(callback(id, Partner.META, CallbackStatus.DEAD_LETTERED)), "w1",
                now.plusSeconds(30), now);
        List<LedgerRow> later = claimNew(List.of(callback(id, Partner.META, CallbackStatus.PENDING)), "w2",
                now.plusSeconds(30), now.plus(Duration.ofDays(1)));

        assertThat(dead.get(0).mine()).isTrue();
        assertThat(dead.get(0).status()).isEqualTo(CallbackStatus.DEAD_LETTERED);
        assertThat(dead.get(0).lastError()).isEqualTo("why");
        assertThat(later.get(0).mine()).isFalse();
        assertThat(later.get(0).status()).isEqualTo(CallbackStatus.DEAD_LETTERED);
    }
}
