package io.adplatform.admin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflow's rules without Spring or a database: ordering, backoff, leases, operator retries. */
class WorkflowEngineTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    final WorkflowEngine engine = new WorkflowEngine(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(25),
            Duration.ofMinutes(5)));

    static StepState pending(String step, int position, Instant due) {
        return new StepState("app", step, position, StepStatus.PENDING, 0, due, null, null, null, null, null, null);
    }

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        RetryPolicy p = engine.policy();
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(25));
        assertThat(p.backoffAfter(64)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void aFailedAttemptWaitsItsBackoffAndTheLastOneFailsTheStep() {
        StepState s = pending("a", 0, T0);
        StepState first = engine.failed(engine.claim(s, T0, "w1"), T0.plusSeconds(1), "HTTP 503");
        assertThat(first.status()).isEqualTo(StepStatus.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(11));
        assertThat(first.lastError()).isEqualTo("HTTP 503");
        assertThat(engine.isDue(first, T0.plusSeconds(10))).isFalse();
        assertThat(engine.isDue(first, T0.plusSeconds(11))).isTrue();

        StepState second = engine.failed(engine.claim(first, T0.plusSeconds(11), "w1"), T0.plusSeconds(12), "again");
        assertThat(second.nextAttemptAt()).isEqualTo(T0.plusSeconds(32));
        StepState third = engine.failed(engine.claim(second, T0.plusSeconds(32), "w1"), T0.plusSeconds(33), "last");
        assertThat(third.status()).isEqualTo(StepStatus.FAILED);
        assertThat(third.attempts()).isEqualTo(3);
        assertThat(third.nextAttemptAt()).isNull();
        assertThat(engine.isDue(third, T0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void anOperatorRetryGivesAFailedStepFreshAttemptsAndOnlyAFailedOne() {
        StepState failed = new StepState("app", "a", 0, StepStatus.FAILED, 3, null, null, null, "boom", null, T0, T0);
        StepState retried = engine.retry(failed, T0.plusSeconds(60));
        assertThat(retried.status()).isEqualTo(StepStatus.PENDING);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.lastError()).isNull();
        assertThat(engine.isDue(retried, T0.plusSeconds(60))).isTrue();
        assertThatThrownBy(() -> engine.retry(retried, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunningStepIsDueAgainOnlyWhenItsLeaseRanOutAndOnlyTheLeaseHolderMayFinishIt() {
        StepState running = engine.claim(pending("a", 0, T0), T0, "w1");
        assertThat(running.leaseUntil()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(engine.isDue(running, T0.plus(Duration.ofMinutes(5)))).isFalse();
        Instant later = T0.plus(Duration.ofMinutes(5)).plusMillis(1);
        assertThat(engine.isDue(running, later)).isTrue();

        StepState retaken = engine.claim(running, later, "w2");
        assertThat(retaken.attempts()).isEqualTo(2);
        assertThat(engine.stillHeld(retaken, running)).isFalse();
        assertThat(engine.stillHeld(retaken, retaken)).isTrue();
    }

    @Test
    void aLeaseThatRunsOutOnTheLastAttemptFailsTheStep() {
        StepState s = pending("a", 0, T0);
        for (int i = 0; i < 2; i++) {
            s = engine.failed(engine.claim(s, s.nextAttemptAt(), "w"), s.nextAttemptAt(), "x");
        }
        StepState lastRunning = engine.claim(s, s.nextAttemptAt(), "w");
        StepState after = engine.claim(lastRunning, lastRunning.leaseUntil().plusMillis(1), "w2");
        assertThat(after.status()).isEqualTo(StepStatus.FAILED);
        assertThat(after.lastError()).contains("lease expired");
    }

    @Test
    void stepsRunInOrderAndOnlyTheFirstUnfinishedOneIsArmed() {
        StepState a = new StepState("app", "a", 0, StepStatus.SUCCEEDED, 1, null, null, null, null, "{}", T0, T0);
        StepState b = pending("b", 1, null);
        StepState c = pending("c", 2, null);
        assertThat(engine.nextToArm(List.of(a, b, c))).contains(b);
        assertThat(engine.isDue(b, T0.plus(Duration.ofDays(1)))).isFalse();
        StepState armed = engine.arm(b, T0);
        assertThat(engine.isDue(armed, T0)).isTrue();
        assertThat(engine.nextToArm(List.of(a, armed, c))).isEmpty();
        assertThat(engine.status(List.of(a, armed, c))).isEqualTo(WorkflowStatus.RUNNING);

        StepState failedB = new StepState("app", "b", 1, StepStatus.FAILED, 3, null, null, null, "x", null, T0, T0);
        assertThat(engine.nextToArm(List.of(a, failedB, c))).isEmpty();
        assertThat(engine.status(List.of(a, failedB, c))).isEqualTo(WorkflowStatus.FAILED);
        StepState doneB = new StepState("app", "b", 1, StepStatus.SUCCEEDED, 1, null, null, null, null, "{}", T0, T0);
        StepState doneC = new StepState("app", "c", 2, StepStatus.SUCCEEDED, 1, null, null, null, null, "{}", T0, T0);
        assertThat(engine.status(List.of(a, doneB, doneC))).isEqualTo(WorkflowStatus.SUCCEEDED);
    }

    @Test
    void onlyADueStepCanBeClaimedAndOnlyARunningOneFinished() {
        StepState notArmed = pending("b", 1, null);
        assertThatThrownBy(() -> engine.claim(notArmed, T0, "w")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.succeeded(pending("a", 0, T0), T0, "{}"))
                .isInstanceOf(IllegalStateException.class);
        StepState longError = engine.failed(engine.claim(pending("a", 0, T0), T0, "w"), T0, "e".repeat(5000));
        assertThat(longError.lastError()).hasSize(WorkflowEngine.MAX_ERROR);
    }
}
