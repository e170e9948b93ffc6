package io.adplatform.attribution.log;

import java.time.Instant;

/**
 * What became of one claimed callback, written back in one batch per poll.
 *
 * @param attempted    true when a request reached the partner (or failed in transport) — counts as an attempt and
 *                     replaces the last status, latency and answer; false for a deferral (circuit open, local rate limit)
 * @param leaseUntil   for RETRY_SCHEDULED: when the retry is due (nobody may take the row over before)
 */
public record Outcome(long id, CallbackStatus status, boolean attempted, Integer httpStatus, Long latencyMs,
                      String lastError, String partnerResponse, Instant leaseUntil, Instant nextAttemptAt) {
}
