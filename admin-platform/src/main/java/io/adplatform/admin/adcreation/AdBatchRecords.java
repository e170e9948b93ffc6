package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** The {@code ad_batches} table. */
@Repository
class AdBatchRecords {

    private static final String COLUMNS = "id, app_id, media, status, ad_count, created_by, created_at, updated_at, "
            + "finished_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    AdBatchRecords(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    long insert(BatchSpec spec, int adCount, long userId) {
        Timestamp now = Timestamp.from(clock.instant());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ad_batches (app_id, media, status, request, ad_count, created_by, created_at, updated_at) "
                        + "VALUES (?, ?, 'RUNNING', ?, ?, ?, ?, ?)")
                .params(spec.appId(), spec.media().name(), json.writeValueAsString(spec), adCount, userId, now, now)
                .update(keys);
        return keys.getKey().longValue();
    }

    Optional<AdBatch> find(String appId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_batches WHERE app_id = ? AND id = ?").params(appId, id)
                .query(AdBatchRecords::row).optional();
    }

    Optional<AdBatch> findForUpdate(String appId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_batches WHERE app_id = ? AND id = ? FOR UPDATE")
                .params(appId, id).query(AdBatchRecords::row).optional();
    }

    Optional<AdBatch> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_batches WHERE id = ?").params(id)
                .query(AdBatchRecords::row).optional();
    }

    BatchSpec spec(long id) {
        return json.readValue(jdbc.sql("SELECT request FROM ad_batches WHERE id = ?").params(id).query(String.class)
                .single(), BatchSpec.class);
    }

    List<AdBatch> list(String appId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_batches WHERE app_id = ? ORDER BY id DESC LIMIT ?")
                .params(appId, limit).query(AdBatchRecords::row).list();
    }

    List<Long> running() {
        return jdbc.sql("SELECT id FROM ad_batches WHERE status = 'RUNNING' ORDER BY id").query(Long.class).list();
    }

    /** The batch's lease columns, the row locked for the rest of the transaction (a claim). */
    Optional<BatchLease.Holder> lockLease(long id) {
        return jdbc.sql("SELECT status, lease_owner, lease_until FROM ad_batches WHERE id = ? FOR UPDATE").params(id)
                .query((rs, i) -> new BatchLease.Holder(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))))
                .optional();
    }

    Optional<BatchLease.Holder> lease(long id) {
        return jdbc.sql("SELECT status, lease_owner, lease_until FROM ad_batches WHERE id = ?").params(id)
                .query((rs, i) -> new BatchLease.Holder(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))))
                .optional();
    }

    void setLease(long id, String owner, Instant until) {
        jdbc.sql("UPDATE ad_batches SET lease_owner = ?, lease_until = ? WHERE id = ?")
                .params(owner, Timestamp.from(until), id).update();
    }

    /** Extends the lease if {@code owner} still holds it at {@code now}; false when it was lost. */
    boolean renew(long id, String owner, Instant now, Instant until) {
        return jdbc.sql("UPDATE ad_batches SET lease_until = ? WHERE id = ? AND status = 'RUNNING' AND lease_owner = ? "
                        + "AND lease_until >= ?")
                .params(Timestamp.from(until), id, owner, Timestamp.from(now)).update() == 1;
    }

    /** Gives the batch up (nothing more to do now, or shutting down) so another runner need not wait for the lease. */
    void release(long id, String owner) {
        jdbc.sql("UPDATE ad_batches SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")
                .params(id, owner).update();
    }

    /** RUNNING batches nobody holds a live lease on (never taken, released, or their runner died). */
    List<Long> orphaned(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM ad_batches WHERE status = 'RUNNING' AND (lease_owner IS NULL OR lease_until < ?) "
                + "ORDER BY id LIMIT ?").params(Timestamp.from(now), limit).query(Long.class).list();
    }

    /** The batch's end, recorded only by the runner holding its lease (which it gives up); false when lost. */
    boolean finish(long id, String status, String owner, Instant now) {
        Timestamp ts = Timestamp.from(now);
        return jdbc.sql("UPDATE ad_batches SET status = ?, updated_at = ?, finished_at = ?, lease_owner = NULL, "
                        + "lease_until = NULL WHERE id = ? AND status = 'RUNNING' AND lease_owner = ? "
                        + "AND lease_until >= ?")
                .params(status, ts, ts, id, owner, ts).update() == 1;
    }

    void status(long id, String status, boolean finished) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE ad_batches SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?")
                .params(status, now, finished ? now : null, id).update();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static AdBatch row(ResultSet rs, int i) throws SQLException {
        long by = rs.getLong(6);
        boolean noBy = rs.wasNull();
        Timestamp fin = rs.getTimestamp(9);
        return new AdBatch(rs.getLong(1), rs.getString(2), Media.valueOf(rs.getString(3)), rs.getString(4),
                rs.getInt(5), noBy ? null : by, rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                fin == null ? null : fin.toInstant());
    }
}
