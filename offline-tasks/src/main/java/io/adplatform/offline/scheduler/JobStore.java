package io.adplatform.offline.scheduler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Leases and the run history in MariaDB/MySQL ({@code job_leases}, {@code job_runs}). Every change that decides who
 * runs what is one conditional statement (or one transaction), so instances racing for a job cannot both win. Times
 * are UTC, to the millisecond.
 */
public class JobStore {

    private static final String RUN_COLUMNS = "id, job, run_trigger, parameters, scheduled_for, requested_at, started_at, "
            + "finished_at, status, summary, error, instance";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    static final int MAX_SUMMARY = 1024;
    static final int MAX_ERROR = 8000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public JobStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /** Creates the lease rows of jobs seen for the first time; their first cron slot is the one after {@code now}. */
    public void ensureLeases(Collection<String> jobs, Instant now) {
        for (String job : jobs) {
            jdbc.sql("INSERT IGNORE INTO job_leases (job, owner, lease_until, last_slot, updated_at) VALUES (?, NULL, ?, ?, ?)")
                    .params(job, utc(now), utc(now), utc(now)).update();
        }
    }

    public Optional<LeaseRow> lease(String job) {
        return jdbc.sql("SELECT job, owner, lease_until, last_slot FROM job_leases WHERE job = ?").param(job)
                .query(JobStore::leaseRow).optional();
    }

    public Map<String, LeaseRow> leases() {
        Map<String, LeaseRow> out = new LinkedHashMap<>();
        jdbc.sql("SELECT job, owner, lease_until, last_slot FROM job_leases").query(JobStore::leaseRow).list()
                .forEach(l -> out.put(l.job(), l));
        return out;
    }

    /** Takes the lease if nobody holds it, it expired, or {@code instance} holds it already. */
    public boolean acquire(String job, String instance, Instant now, Instant until) {
        return jdbc.sql("UPDATE job_leases SET owner = ?, lease_until = ?, updated_at = ? "
                        + "WHERE job = ? AND (owner IS NULL OR owner = ? OR lease_until < ?)")
                .params(instance, utc(until), utc(now), job, instance, utc(now)).update() == 1;
    }

    /** Extends a lease {@code instance} still holds; false if it was lost (expired and taken by another instance). */
    public boolean renew(String job, String instance, Instant now, Instant until) {
        return jdbc.sql("UPDATE job_leases SET lease_until = ?, updated_at = ? WHERE job = ? AND owner = ?")
                .params(utc(until), utc(now), job, instance).update() == 1;
    }

    public void release(String job, String instance, Instant now) {
        jdbc.sql("UPDATE job_leases SET owner = NULL, lease_until = ?, updated_at = ? WHERE job = ? AND owner = ?")
                .params(utc(now), utc(now), job, instance).update();
    }

    /** Jobs with QUEUED or RUNNING runs, and which of the two. */
    public Map<String, java.util.Set<RunStatus>> pendingStatuses() {
        Map<String, java.util.Set<RunStatus>> out = new LinkedHashMap<>();
        jdbc.sql("SELECT DISTINCT job, status FROM job_runs WHERE status IN ('QUEUED', 'RUNNING')")
                .query((rs, n) -> Map.entry(rs.getString(1), RunStatus.valueOf(rs.getString(2)))).list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> java.util.EnumSet.noneOf(RunStatus.class)).add(e.getValue()));
        return out;
    }

    public boolean hasQueued(String job) {
        return jdbc.sql("SELECT COUNT(*) FROM job_runs WHERE job = ? AND status = 'QUEUED'").param(job)
                .query(Long.class).single() > 0;
    }

    /**
     * Marks the job's RUNNING runs ABANDONED. Only called by the lease holder when it is not running the job itself, so
     * whoever left them RUNNING stopped renewing the lease. Returns the runs abandoned.
     */
    public List<RunRecord> abandonRunning(String job, Instant now) {
        return tx.execute(s -> {
            List<RunRecord> stale = jdbc.sql("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job = ? AND status = 'RUNNING' FOR UPDATE")
                    .param(job).query(this::run).list();
            for (RunRecord r : stale) {
                jdbc.sql("UPDATE job_runs SET status = 'ABANDONED', finished_at = ?, error = ? WHERE id = ? AND status = 'RUNNING'")
                        .params(utc(now), "abandoned: instance " + r.instance()
                                + " stopped renewing the job's lease while running it (crashed or cut off)", r.id())
                        .update();
            }
            return stale;
        });
    }

    /** Moves the job's oldest QUEUED run to RUNNING on {@code instance}. */
    public Optional<RunRecord> claimQueued(String job, String instance, Instant now) {
        return tx.execute(s -> {
            Optional<Long> id = jdbc.sql("SELECT id FROM job_runs WHERE job = ? AND status = 'QUEUED' ORDER BY id LIMIT 1 FOR UPDATE")
                    .param(job).query(Long.class).optional();
            if (id.isEmpty()) {
                return Optional.<RunRecord>empty();
            }
            jdbc.sql("UPDATE job_runs SET status = 'RUNNING', started_at = ?, instance = ? WHERE id = ? AND status = 'QUEUED'")
                    .params(utc(now), instance, id.get()).update();
            return find(id.get());
        });
    }

    /**
     * Claims a cron slot for a run on {@code instance}: the lease's last slot moves forward to it (only while
     * {@code instance} holds an unexpired lease and the slot is newer) and a RUNNING run is recorded, both or neither.
     */
    public Optional<RunRecord> claimSlot(String job, String instance, Instant slot, Instant now) {
        return tx.execute(s -> {
            int moved = jdbc.sql("UPDATE job_leases SET last_slot = ?, updated_at = ? WHERE job = ? AND owner = ? "
                            + "AND lease_until >= ? AND (last_slot IS NULL OR last_slot < ?)")
                    .params(utc(slot), utc(now), job, instance, utc(now), utc(slot)).update();
            if (moved != 1) {
                return Optional.<RunRecord>empty();
            }
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO job_runs (job, run_trigger, parameters, scheduled_for, requested_at, started_at, status, instance) "
                            + "VALUES (?, 'SCHEDULE', NULL, ?, ?, ?, 'RUNNING', ?)")
                    .params(job, utc(slot), utc(now), utc(now), instance).update(key);
            return find(key.getKey().longValue());
        });
    }

    /** Records a manual trigger. */
    public RunRecord enqueue(String job, Map<String, String> parameters, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO job_runs (job, run_trigger, parameters, requested_at, status) VALUES (?, 'MANUAL', ?, ?, 'QUEUED')")
                .params(job, json.writeValueAsString(parameters), utc(now)).update(key);
        // The row as written, not read back: another instance may already have claimed it (RUNNING) by then.
        return new RunRecord(key.getKey().longValue(), job, RunTrigger.MANUAL, parameters, null,
                utc(now).toInstant(ZoneOffset.UTC), null, null, RunStatus.QUEUED, null, null, null);
    }

    /** Records a run's outcome, unless it is no longer this instance's RUNNING run (abandoned meanwhile). */
    public boolean finish(long id, String instance, RunStatus status, String summary, String error, Instant now) {
        return jdbc.sql("UPDATE job_runs SET status = ?, summary = ?, error = ?, finished_at = ? "
                        + "WHERE id = ? AND status = 'RUNNING' AND instance = ?")
                .params(status.name(), truncate(summary, MAX_SUMMARY), truncate(error, MAX_ERROR), utc(now), id, instance)
                .update() == 1;
    }

    public Optional<RunRecord> find(long id) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?").param(id).query(this::run).optional();
    }

    /** The job's runs, newest first. */
    public List<RunRecord> runs(String job, int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT ?")
                .params(job, limit).query(this::run).list();
    }

    /** Each job's latest run. */
    public Map<String, RunRecord> lastRuns() {
        Map<String, RunRecord> out = new LinkedHashMap<>();
        jdbc.sql("SELECT " + RUN_COLUMNS.replaceAll("(^|, )", "$1r.") + " FROM job_runs r "
                        + "JOIN (SELECT job, MAX(id) AS id FROM job_runs GROUP BY job) m ON r.id = m.id")
                .query(this::run).list().forEach(r -> out.put(r.job(), r));
        return out;
    }

    private RunRecord run(ResultSet rs, int row) throws SQLException {
        String params = rs.getString("parameters");
        return new RunRecord(rs.getLong("id"), rs.getString("job"), RunTrigger.valueOf(rs.getString("run_trigger")),
                params == null ? Map.of() : json.readValue(params, STRING_MAP), instant(rs, "scheduled_for"),
                instant(rs, "requested_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                RunStatus.valueOf(rs.getString("status")), rs.getString("summary"), rs.getString("error"),
                rs.getString("instance"));
    }

    private static LeaseRow leaseRow(ResultSet rs, int row) throws SQLException {
        return new LeaseRow(rs.getString("job"), rs.getString("owner"), instant(rs, "lease_until"),
                instant(rs, "last_slot"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** DATETIME(3) in UTC; truncated here because MySQL would round and MariaDB truncate. */
    static LocalDateTime utc(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
