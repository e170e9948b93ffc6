package io.adplatform.admin.onboarding;

import java.util.List;

/** The workflow's steps in the order they run (seed 000 §3); a new workflow gets one row per step. */
public record OnboardingSteps(List<OnboardingStep> steps) {

    public OnboardingSteps {
        steps = List.copyOf(steps);
    }

    public List<String> names() {
        return steps.stream().map(OnboardingStep::name).toList();
    }
}
