package io.adplatform.common.activation;

import java.util.List;

/** A batch of checks, answered in order. At most {@link #MAX_CHECKS} per request. */
public record ActivationCheckRequest(List<ActivationCheck> checks) {

    public static final int MAX_CHECKS = 1000;
    public static final String PATH = "/internal/v1/activation-pool/check";
}
