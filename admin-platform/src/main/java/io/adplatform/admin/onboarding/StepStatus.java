package io.adplatform.admin.onboarding;

/** Where one onboarding step stands, as operators see it. */
public enum StepStatus {
    /** Not run yet, or waiting for its next attempt ({@code nextAttemptAt}); later steps wait unarmed (no time). */
    PENDING,
    /** A worker holds its lease; if the lease runs out (the worker died) the step is run again. */
    RUNNING,
    SUCCEEDED,
    /** Out of attempts; waits for an operator's retry. */
    FAILED
}
