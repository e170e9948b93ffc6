package io.adplatform.attribution.delivery;

import java.time.Duration;

/**
 * A partner's answer, classified.
 *
 * @param detail     the partner's message (or the answer's text), for the log and the dead letter
 * @param retryAfter for RETRY: how long the partner asked us to wait (Retry-After, Meta's
 *                   {@code estimated_time_to_regain_access}); null when it did not say
 */
public record PartnerAnswer(Verdict verdict, String detail, Duration retryAfter) {

    public enum Verdict {
        DELIVERED,
        /** Worth trying again later: 5xx (not 501/505), 408, 429, throttling, transient errors. */
        RETRY,
        /** The partner refused the event for good: dead letter with its message. */
        REJECT
    }

    public static PartnerAnswer delivered(String detail) {
        return new PartnerAnswer(Verdict.DELIVERED, detail, null);
    }

    public static PartnerAnswer retry(String detail, Duration retryAfter) {
        return new PartnerAnswer(Verdict.RETRY, detail, retryAfter);
    }

    public static PartnerAnswer reject(String detail) {
        return new PartnerAnswer(Verdict.REJECT, detail, null);
    }

    /** {@code Retry-After} in seconds, when the partner sent one. */
    public static Duration retryAfterHeader(java.net.http.HttpHeaders headers) {
        return headers == null ? null : headers.firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    /** Generic HTTP classification partners share: retry 5xx except 501/505, 408 and 429. */
    public static boolean retryableStatus(int status) {
        return (status >= 500 && status != 501 && status != 505) || status == 408 || status == 429;
    }
}
