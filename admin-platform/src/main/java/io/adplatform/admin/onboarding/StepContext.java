package io.adplatform.admin.onboarding;

import java.util.Map;

/**
 * What a step knows about the product it onboards.
 *
 * @param platform {@code IOS} or {@code ANDROID}, from the catalog
 * @param outputs  outputs of the steps that already succeeded, by step name
 */
public record StepContext(String appId, String platform, long teamId, Map<String, Map<String, String>> outputs) {
}
