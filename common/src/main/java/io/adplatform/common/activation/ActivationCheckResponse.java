package io.adplatform.common.activation;

import java.util.List;

/** Results in the order of the request's checks. */
public record ActivationCheckResponse(List<ActivationCheckResult> results) {
}
