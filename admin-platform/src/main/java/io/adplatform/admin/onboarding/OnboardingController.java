package io.adplatform.admin.onboarding;

import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A product's automated onboarding: start it, watch its steps, retry a failed step. */
@RestController
@RequestMapping("/api/v1/products/{appId}/onboarding")
@Tag(name = "onboarding", description = "Automated product onboarding, one status per step")
class OnboardingController {

    private final Onboarding onboarding;

    OnboardingController(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @PostMapping
    @Operation(summary = "Start the product's onboarding (MANAGE_ONBOARDING); 201 when started, 200 when it already was")
    ResponseEntity<Onboarding.View> start(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        Onboarding.Started s = onboarding.start(op, appId);
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK).body(s.view());
    }

    @GetMapping
    @Operation(summary = "The onboarding's status, one entry per step with attempts, error and next attempt")
    Onboarding.View get(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return onboarding.get(op, appId);
    }

    @PostMapping("/steps/{step}/retry")
    @Operation(summary = "Retry a FAILED step (MANAGE_ONBOARDING); 409 when the step is not FAILED")
    Onboarding.View retry(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable String step) {
        return onboarding.retry(op, appId, step);
    }
}
