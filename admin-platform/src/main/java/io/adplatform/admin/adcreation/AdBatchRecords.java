package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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

    void status(long id, String status, boolean finished) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE ad_batches SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?")
                .params(status, now, finished ? now : null, id).update();
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
