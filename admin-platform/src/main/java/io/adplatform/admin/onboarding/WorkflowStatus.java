package io.adplatform.admin.onboarding;

/** A product's onboarding as a whole: derived from its steps. */
public enum WorkflowStatus {
    RUNNING,
    SUCCEEDED,
    /** A step is FAILED and waits for an operator. */
    FAILED
}
