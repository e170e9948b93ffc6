package io.adplatform.admin.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One line of the audit trail as the API shows it. */
public record AuditEntry(long id, Instant at, Long actorId, String actorKind, String action, String targetType,
                         String targetId, String appId, JsonNode details) {
}
