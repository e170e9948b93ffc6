package io.adplatform.admin.audit;

import io.adplatform.admin.identity.Operator;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The audit trail: every change made through the API is written here by the code that makes it, inside the same
 * transaction, so a rolled-back change leaves no entry and a committed one always has one.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A change by a signed-in operator. {@code details} must not hold secrets. */
    public void record(Operator actor, String action, String targetType, String targetId, String appId,
                       Map<String, ?> details) {
        insert(actor.teamId(), actor.userId(), actor.via().name(), action, targetType, targetId, appId, details);
    }

    /** A change by the platform itself (bootstrap, jobs, the onboarding workflow). */
    public void recordSystem(Long teamId, String action, String targetType, String targetId, String appId,
                             Map<String, ?> details) {
        insert(teamId, null, "SYSTEM", action, targetType, targetId, appId, details);
    }

    /** An event about a user who is not signed in (a failed login). */
    public void recordAnonymous(Long teamId, Long userId, String action, String targetType, String targetId,
                                Map<String, ?> details) {
        insert(teamId, userId, "ANONYMOUS", action, targetType, targetId, null, details);
    }

    /** A team's entries, newest first: before id {@code before} (paging), of one product when {@code appId} is given. */
    public List<AuditEntry> list(long teamId, String appId, Long before, int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor_id, actor_kind, action, target_type, target_id, app_id, details FROM audit_log
                        WHERE team_id = ? AND (? IS NULL OR app_id = ?) AND (? IS NULL OR id < ?)
                        ORDER BY id DESC LIMIT ?""")
                .params(teamId, appId, appId, before, before, limit)
                .query((rs, i) -> {
                    long actor = rs.getLong(3);
                    boolean noActor = rs.wasNull();
                    String details = rs.getString(9);
                    return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), noActor ? null : actor,
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            details == null ? null : json.readTree(details));
                }).list();
    }

    private void insert(Long teamId, Long actorId, String kind, String action, String targetType, String targetId,
                        String appId, Map<String, ?> details) {
        jdbc.sql("""
                        INSERT INTO audit_log (at, team_id, actor_id, actor_kind, action, target_type, target_id, app_id, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), teamId, actorId, kind, action, targetType, targetId, appId,
                        details == null || details.isEmpty() ? null : json.writeValueAsString(details))
                .update();
    }
}
