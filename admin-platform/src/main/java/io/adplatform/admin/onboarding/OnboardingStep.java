package io.adplatform.admin.onboarding;

import java.util.Map;

/**
 * One step of a product's onboarding. {@link #run} must be idempotent: it may run again after a failure, after a crash
 * mid-step, or after an operator's retry, and must leave the same one effect (look before creating, or call
 * endpoints that are idempotent by product). Throwing fails the attempt with the exception's message.
 */
public interface OnboardingStep {

    /** Stable name, {@code [a-z-]+}: stored with the step's state and used in the retry URL. */
    String name();

    /** Does the step; returns what to show and keep (no secrets), e.g. ids created at the peer. */
    Map<String, String> run(StepContext context) throws Exception;
}
