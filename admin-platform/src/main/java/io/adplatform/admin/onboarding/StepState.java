package io.adplatform.admin.onboarding;

import java.time.Instant;

/**
 * One step of one product's onboarding, as stored.
 *
 * @param position      order of the step in the workflow (0 first)
 * @param attempts      attempts started since the step was created or last retried by an operator
 * @param nextAttemptAt when a PENDING step is due; null while an earlier step is unfinished (not armed yet)
 * @param leaseOwner    the worker running it (RUNNING only)
 * @param leaseUntil    after this the worker is presumed dead and the step may be run again
 * @param lastError     the last attempt's error (kept after a success for the record; cleared by a retry)
 * @param output        what the step left for the operator and later steps (JSON object text), null before success
 */
public record StepState(String appId, String step, int position, StepStatus status, int attempts,
                        Instant nextAttemptAt, String leaseOwner, Instant leaseUntil, String lastError, String output,
                        Instant startedAt, Instant finishedAt) {

    StepState with(StepStatus status, int attempts, Instant nextAttemptAt, String leaseOwner, Instant leaseUntil,
                   String lastError, String output, Instant startedAt, Instant finishedAt) {
        return new StepState(appId, step, position, status, attempts, nextAttemptAt, leaseOwner, leaseUntil, lastError,
                output, startedAt, finishedAt);
    }
}
