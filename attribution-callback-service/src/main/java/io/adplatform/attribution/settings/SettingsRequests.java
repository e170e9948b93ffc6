package io.adplatform.attribution.settings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of {@code PUT /internal/v1/products/{productId}/partners/{partner}}; a secret left out keeps the stored one. */
final class SettingsRequests {

    static final String SECRET_PATTERN = "^\\S{8,1000}$";
    static final String SECRET_MESSAGE = "must be 8 to 1000 characters without spaces";

    private SettingsRequests() {
    }

    record AppsFlyer(
            Boolean enabled,
            @NotBlank @Pattern(regexp = "^(id\\d{5,15}|[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z0-9_]+)+)$",
                    message = "must be an Android package name or id followed by the iOS app's digits") String appId,
            @Pattern(regexp = SECRET_PATTERN, message = SECRET_MESSAGE) String s2sKey) {
    }

    record Meta(
            Boolean enabled,
            @NotBlank @Pattern(regexp = "^\\d{5,20}$", message = "must be the dataset (pixel) id: 5 to 20 digits")
            String datasetId,
            @Pattern(regexp = SECRET_PATTERN, message = SECRET_MESSAGE) String accessToken,
            @Pattern(regexp = "^[A-Za-z0-9]{1,40}$", message = "must be 1 to 40 letters or digits") String testEventCode) {
    }

    record TikTok(
            Boolean enabled,
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{1,64}$", message = "must be 1 to 64 letters, digits, _ or -")
            String eventSourceId,
            @Pattern(regexp = SECRET_PATTERN, message = SECRET_MESSAGE) String accessToken,
            @Size(min = 1, max = 200) String appId,
            @Pattern(regexp = "^[A-Za-z0-9]{1,40}$", message = "must be 1 to 40 letters or digits") String testEventCode) {
    }
}
