package io.adplatform.offline.reports.meta;

import io.adplatform.common.kafka.EventJson;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Meta's rate-limit headers read into one verdict: the highest usage percentage any of them reports and the longest
 * wait announced. {@code X-Business-Use-Case-Usage}: {@code {"<id>":[{"type","call_count","total_cputime",
 * "total_time","estimated_time_to_regain_access" (minutes)}]}}; {@code X-Ad-Account-Usage}:
 * {@code {"acc_id_util_pct","reset_time_duration" (seconds)}}; {@code X-App-Usage}: {@code {"call_count",
 * "total_cputime","total_time"}}. Unreadable headers count as no usage.
 */
public record MetaUsage(double percent, Duration regainAccessIn) {

    public static final MetaUsage NONE = new MetaUsage(0, Duration.ZERO);

    public static MetaUsage of(String businessUseCase, String adAccount, String app) {
        double pct = 0;
        long waitSeconds = 0;
        JsonNode buc = parse(businessUseCase);
        if (buc != null && buc.isObject()) {
            for (JsonNode perId : buc) {
                for (JsonNode u : perId.isArray() ? perId : java.util.List.<JsonNode>of()) {
                    pct = Math.max(pct, maxOf(u, "call_count", "total_cputime", "total_time"));
                    waitSeconds = Math.max(waitSeconds, u.path("estimated_time_to_regain_access").asLong(0) * 60);
                }
            }
        }
        JsonNode acc = parse(adAccount);
        if (acc != null && acc.isObject()) {
            pct = Math.max(pct, acc.path("acc_id_util_pct").asDouble(0));
            // reset_time_duration is when the usage window resets, a wait only once the account is at its limit.
            if (acc.path("acc_id_util_pct").asDouble(0) >= 100) {
                waitSeconds = Math.max(waitSeconds, acc.path("reset_time_duration").asLong(0));
            }
        }
        JsonNode appUsage = parse(app);
        if (appUsage != null && appUsage.isObject()) {
            pct = Math.max(pct, maxOf(appUsage, "call_count", "total_cputime", "total_time"));
        }
        return new MetaUsage(pct, Duration.ofSeconds(waitSeconds));
    }

    /** Whether the account should rest: usage at or above the threshold, or a wait announced. */
    public boolean backOff(int thresholdPercent) {
        return percent >= thresholdPercent || (!regainAccessIn.isZero() && !regainAccessIn.isNegative());
    }

    /** The announced wait, or null when none was. */
    public Duration announcedWait() {
        return (!regainAccessIn.isZero() && !regainAccessIn.isNegative()) ? regainAccessIn : null;
    }

    private static double maxOf(JsonNode u, String... fields) {
        double m = 0;
        for (String f : fields) {
            m = Math.max(m, u.path(f).asDouble(0));
        }
        return m;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
