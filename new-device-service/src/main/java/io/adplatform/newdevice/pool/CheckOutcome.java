package io.adplatform.newdevice.pool;

import io.adplatform.common.activation.ActivationCheckResult;

/**
 * One check's answer plus what the operator's metrics need.
 *
 * @param learnedIdentifiers identifiers of a known device that were not in the pool yet and now are (aliases, e.g. a
 *                           reset advertising id)
 */
public record CheckOutcome(CheckResult result, ActivationCheckResult answer, int learnedIdentifiers) {
}
