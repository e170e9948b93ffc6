package io.adplatform.admin.adcreation;

import io.adplatform.common.kafka.EventJson;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Meta's {@code X-Business-Use-Case-Usage} ({@code {"<account>":[{"type","call_count","total_cputime","total_time",
 * "estimated_time_to_regain_access"}]}}, percentages and minutes): the highest usage and the longest announced wait.
 * An unreadable header counts as no usage.
 */
public record MetaUsage(double percent, long regainAccessUnits) {

    public static final MetaUsage NONE = new MetaUsage(0, 0);

    public static MetaUsage of(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(header);
        } catch (RuntimeException e) {
            return NONE;
        }
        double pct = 0;
        long eta = 0;
        if (root != null && root.isObject()) {
            for (JsonNode perAccount : root) {
                for (JsonNode u : perAccount.isArray() ? perAccount : List.<JsonNode>of()) {
                    for (String f : List.of("call_count", "total_cputime", "total_time")) {
                        pct = Math.max(pct, u.path(f).asDouble(0));
                    }
                    eta = Math.max(eta, u.path("estimated_time_to_regain_access").asLong(0));
                }
            }
        }
        return new MetaUsage(pct, eta);
    }

    public MetaUsage max(MetaUsage other) {
        return new MetaUsage(Math.max(percent, other.percent), Math.max(regainAccessUnits, other.regainAccessUnits));
    }
}
