package io.adplatform.offline.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads one item of a catalog page; a malformed item is reported with the reason, never thrown. */
final class CatalogItems {

    static final Set<String> PLATFORMS = Set.of("IOS", "ANDROID");
    static final Set<String> STATUSES = Set.of("ACTIVE", "ARCHIVED");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private CatalogItems() {
    }

    /**
     * An item read: the product, or why it was skipped. {@code appId} is set whenever the item had a usable one, so a
     * malformed item of a known product does not get that product archived as missing.
     */
    record Parsed(Product product, String appId, String problem) {
    }

    static Parsed parse(JsonNode item) {
        if (item == null || !item.isObject()) {
            return new Parsed(null, null, "item is not a JSON object");
        }
        String appId = text(item, "appId");
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            return new Parsed(null, null, "appId missing or not 1-128 of [A-Za-z0-9._-]");
        }
        List<String> problems = new ArrayList<>();
        String name = required(item, "name", 255, problems);
        String platform = text(item, "platform");
        if (platform == null || !PLATFORMS.contains(platform)) {
            problems.add("platform must be IOS or ANDROID");
        }
        String bundleId = required(item, "bundleId", 255, problems);
        String storeUrl = optional(item, "storeUrl", 2048, problems);
        String iconUrl = optional(item, "iconUrl", 2048, problems);
        String category = optional(item, "category", 128, problems);
        String status = text(item, "status");
        if (status == null || !STATUSES.contains(status)) {
            problems.add("status must be ACTIVE or ARCHIVED");
        }
        Instant updatedAt = null;
        String updated = text(item, "updatedAt");
        if (updated != null) {
            try {
                updatedAt = Instant.parse(updated);
            } catch (DateTimeParseException e) {
                problems.add("updatedAt is not an ISO-8601 instant");
            }
        } else if (item.has("updatedAt") && !item.get("updatedAt").isNull()) {
            problems.add("updatedAt is not an ISO-8601 instant");
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, appId, String.join("; ", problems));
        }
        return new Parsed(new Product(appId, name, platform, bundleId, storeUrl, iconUrl, category, status, updatedAt),
                appId, null);
    }

    private static String required(JsonNode item, String field, int max, List<String> problems) {
        String v = text(item, field);
        if (v == null || v.isBlank()) {
            problems.add(field + " is required");
        } else if (v.length() > max) {
            problems.add(field + " is longer than " + max);
        }
        return v;
    }

    private static String optional(JsonNode item, String field, int max, List<String> problems) {
        JsonNode n = item.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            problems.add(field + " must be a string");
            return null;
        }
        if (n.stringValue().length() > max) {
            problems.add(field + " is longer than " + max);
        }
        return n.stringValue().isBlank() ? null : n.stringValue();
    }

    private static String text(JsonNode item, String field) {
        JsonNode n = item.get(field);
        return n != null && n.isString() ? n.stringValue() : null;
    }
}
