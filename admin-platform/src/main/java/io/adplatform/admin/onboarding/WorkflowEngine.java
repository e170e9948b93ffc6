package io.adplatform.admin.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The onboarding workflow's rules, free of Spring and storage: steps run in order, one at a time; only the first
 * unfinished step is ever armed (has a due time), so a worker never looks past it; a failed attempt is retried after an
 * exponential backoff until the policy's attempts are spent, then the step is FAILED until an operator retries it; a
 * RUNNING step whose lease ran out (its worker died) is due again — steps are idempotent, so running one twice is safe.
 */
public final class WorkflowEngine {

    static final int MAX_ERROR = 2000;

    private final RetryPolicy policy;

    public WorkflowEngine(RetryPolicy policy) {
        this.policy = policy;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Whether a worker may take the step now. */
    public boolean isDue(StepState s, Instant now) {
        return switch (s.status()) {
            case PENDING -> s.nextAttemptAt() != null && !s.nextAttemptAt().isAfter(now);
            case RUNNING -> s.leaseUntil() != null && s.leaseUntil().isBefore(now);
            default -> false;
        };
    }

    /**
     * A worker takes a due step: RUNNING under its lease, one more attempt. A step whose worker died holding it counts
     * that attempt; when none are left it is FAILED instead (the caller checks the returned status).
     */
    public StepState claim(StepState s, Instant now, String owner) {
        if (!isDue(s, now)) {
            throw new IllegalStateException("step " + s.step() + " of " + s.appId() + " is not due");
        }
        if (s.status() == StepStatus.RUNNING && s.attempts() >= policy.maxAttempts()) {
            return s.with(StepStatus.FAILED, s.attempts(), null, null, null,
                    "the worker running attempt " + s.attempts() + " stopped before finishing (lease expired)",
                    s.output(), s.startedAt(), now);
        }
        return s.with(StepStatus.RUNNING, s.attempts() + 1, null, owner, now.plus(policy.lease()), s.lastError(),
                s.output(), s.startedAt() == null ? now : s.startedAt(), null);
    }

    /** Whether {@code current} is still the attempt {@code claimed} started (no other worker took it meanwhile). */
    public boolean stillHeld(StepState current, StepState claimed) {
        return current.status() == StepStatus.RUNNING && claimed.leaseOwner() != null
                && claimed.leaseOwner().equals(current.leaseOwner()) && current.attempts() == claimed.attempts();
    }

    public StepState succeeded(StepState s, Instant now, String output) {
        requireRunning(s);
        return s.with(StepStatus.SUCCEEDED, s.attempts(), null, null, null, s.lastError(), output, s.startedAt(), now);
    }

    /** A failed attempt: PENDING again after the backoff, or FAILED when it was the last one. */
    public StepState failed(StepState s, Instant now, String error) {
        requireRunning(s);
        String e = error == null || error.isBlank() ? "failed without a message" : error;
        e = e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR - 1) + "…" : e;
        if (s.attempts() >= policy.maxAttempts()) {
            return s.with(StepStatus.FAILED, s.attempts(), null, null, null, e, s.output(), s.startedAt(), now);
        }
        return s.with(StepStatus.PENDING, s.attempts(), now.plus(policy.backoffAfter(s.attempts())), null, null, e,
                s.output(), s.startedAt(), null);
    }

    /** An operator's retry of a FAILED step: due now, with a fresh set of attempts. */
    public StepState retry(StepState s, Instant now) {
        if (s.status() != StepStatus.FAILED) {
            throw new IllegalStateException("only a FAILED step can be retried; " + s.step() + " is " + s.status());
        }
        return s.with(StepStatus.PENDING, 0, now, null, null, null, s.output(), s.startedAt(), null);
    }

    /** Makes the step due now (it becomes the workflow's current step). */
    public StepState arm(StepState s, Instant now) {
        if (s.status() != StepStatus.PENDING || s.nextAttemptAt() != null) {
            throw new IllegalStateException("step " + s.step() + " is already armed or finished");
        }
        return s.with(StepStatus.PENDING, s.attempts(), now, null, null, s.lastError(), s.output(), s.startedAt(), null);
    }

    /** The step to arm once every step before it has succeeded; empty when the current one is still unfinished. */
    public Optional<StepState> nextToArm(List<StepState> ordered) {
        for (StepState s : ordered) {
            if (s.status() == StepStatus.SUCCEEDED) {
                continue;
            }
            return s.status() == StepStatus.PENDING && s.nextAttemptAt() == null ? Optional.of(s) : Optional.empty();
        }
        return Optional.empty();
    }

    public WorkflowStatus status(List<StepState> steps) {
        if (steps.stream().anyMatch(s -> s.status() == StepStatus.FAILED)) {
            return WorkflowStatus.FAILED;
        }
        return steps.stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED)
                ? WorkflowStatus.SUCCEEDED : WorkflowStatus.RUNNING;
    }

    private static void requireRunning(StepState s) {
        if (s.status() != StepStatus.RUNNING) {
            throw new IllegalStateException("step " + s.step() + " is not running but " + s.status());
        }
    }
}
