package io.adplatform.admin.onboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code onboarding_workflows} and {@code onboarding_steps} tables. Row locks are the caller's transaction's. */
@Repository
public class OnboardingStore {

    private static final String COLUMNS = "app_id, step, position, status, attempts, next_attempt_at, lease_owner, "
            + "lease_until, last_error, output, started_at, finished_at";

    /** A workflow's head row. */
    public record Workflow(String appId, long teamId, WorkflowStatus status, Long startedBy, Instant createdAt,
                           Instant updatedAt, Instant finishedAt) {
    }

    private final JdbcClient jdbc;

    public OnboardingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the workflow and its steps unless it exists; true when created. */
    public boolean create(String appId, long teamId, Long startedBy, List<String> steps, Instant now) {
        int n = jdbc.sql("INSERT IGNORE INTO onboarding_workflows (app_id, team_id, status, started_by, created_at, "
                        + "updated_at) VALUES (?, ?, 'RUNNING', ?, ?, ?)")
                .params(appId, teamId, startedBy, ts(now), ts(now)).update();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < steps.size(); i++) {
            jdbc.sql("INSERT INTO onboarding_steps (app_id, step, position, status, attempts, next_attempt_at) "
                            + "VALUES (?, ?, ?, 'PENDING', 0, ?)")
                    .params(appId, steps.get(i), i, i == 0 ? ts(now) : null).update();
        }
        return true;
    }

    public Optional<Workflow> workflow(String appId) {
        return jdbc.sql("SELECT app_id, team_id, status, started_by, created_at, updated_at, finished_at "
                        + "FROM onboarding_workflows WHERE app_id = ?").params(appId)
                .query((rs, i) -> new Workflow(rs.getString(1), rs.getLong(2), WorkflowStatus.valueOf(rs.getString(3)),
                        (Long) rs.getObject(4, Long.class), instant(rs, 5), instant(rs, 6), instant(rs, 7)))
                .optional();
    }

    public List<StepState> steps(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM onboarding_steps WHERE app_id = ? ORDER BY position")
                .params(appId).query(OnboardingStore::row).list();
    }

    /** The workflow's steps, locked for the rest of the transaction. */
    public List<StepState> lockSteps(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM onboarding_steps WHERE app_id = ? ORDER BY position FOR UPDATE")
                .params(appId).query(OnboardingStore::row).list();
    }

    /**
     * One due step (armed PENDING whose time has come, or RUNNING whose lease ran out), locked; rows another worker
     * has locked are skipped, so two workers never take the same step.
     */
    public Optional<StepState> lockOneDue(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM onboarding_steps WHERE (status = 'PENDING' AND next_attempt_at <= ?) "
                        + "OR (status = 'RUNNING' AND lease_until < ?) ORDER BY next_attempt_at LIMIT 1 "
                        + "FOR UPDATE SKIP LOCKED")
                .params(ts(now), ts(now)).query(OnboardingStore::row).optional();
    }

    public void save(StepState s) {
        jdbc.sql("UPDATE onboarding_steps SET status = ?, attempts = ?, next_attempt_at = ?, lease_owner = ?, "
                        + "lease_until = ?, last_error = ?, output = ?, started_at = ?, finished_at = ? "
                        + "WHERE app_id = ? AND step = ?")
                .params(s.status().name(), s.attempts(), ts(s.nextAttemptAt()), s.leaseOwner(), ts(s.leaseUntil()),
                        s.lastError(), s.output(), ts(s.startedAt()), ts(s.finishedAt()), s.appId(), s.step())
                .update();
    }

    public void setStatus(String appId, WorkflowStatus status, Instant now) {
        jdbc.sql("UPDATE onboarding_workflows SET status = ?, updated_at = ?, finished_at = ? WHERE app_id = ?")
                .params(status.name(), ts(now), status == WorkflowStatus.SUCCEEDED ? ts(now) : null, appId).update();
    }

    private static StepState row(ResultSet rs, int i) throws SQLException {
        return new StepState(rs.getString(1), rs.getString(2), rs.getInt(3), StepStatus.valueOf(rs.getString(4)),
                rs.getInt(5), instant(rs, 6), rs.getString(7), instant(rs, 8), rs.getString(9), rs.getString(10),
                instant(rs, 11), instant(rs, 12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
