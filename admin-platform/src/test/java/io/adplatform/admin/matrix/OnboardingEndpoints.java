package io.adplatform.admin.matrix;

import io.adplatform.admin.access.Permission;
import java.util.List;

/** The onboarding's product-scoped endpoints for the permission matrix. */
public final class OnboardingEndpoints {

    public static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.post("/api/v1/products/{appId}/onboarding", Permission.MANAGE_ONBOARDING, null),
            Endpoint.get("/api/v1/products/{appId}/onboarding", Permission.VIEW_PRODUCT),
            Endpoint.post("/api/v1/products/{appId}/onboarding/steps/sdk-routing/retry", Permission.MANAGE_ONBOARDING,
                    null));

    private OnboardingEndpoints() {
    }
}
