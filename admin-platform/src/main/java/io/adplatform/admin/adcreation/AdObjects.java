package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ad_objects} table: each object of each batch and where it stands. Every state change is one UPDATE. */
@Repository
public class AdObjects {

    static final String COLUMNS = "id, batch_id, app_id, media, item_key, kind, parent_key, ad_account_ref, audience_id, "
            + "copy_id, asset_id, name, state, media_id, media_status, attempts, not_before, error, updated_at";
    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    public AdObjects(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    void insertAll(long batchId, String appId, Media media, List<PlannedObject> plan) {
        Timestamp now = now();
        List<Object[]> rows = new ArrayList<>();
        for (PlannedObject o : plan) {
            rows.add(new Object[] {batchId, appId, media.name(), o.key(), o.kind().name(), o.parentKey(), o.accountRef(),
                    o.audienceId(), o.copyId(), o.assetId(), NameMarker.name(o.label(), batchId, o.key()), now, now});
        }
        template.batchUpdate("INSERT INTO ad_objects (batch_id, app_id, media, item_key, kind, parent_key, "
                + "ad_account_ref, audience_id, copy_id, asset_id, name, state, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)", rows);
    }

    /** Plan order. */
    public List<AdObject> ofBatch(long batchId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_objects WHERE batch_id = ? ORDER BY id").params(batchId)
                .query(AdObjects::row).list();
    }

    public Optional<AdObject> find(String appId, ObjectKind kind, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_objects WHERE app_id = ? AND kind = ? AND id = ?")
                .params(appId, kind.name(), id).query(AdObjects::row).optional();
    }

    /** The created objects of a kind in a product, newest first. */
    public List<AdObject> created(String appId, ObjectKind kind, String parentKeyOrNull, Long batchIdOrNull,
                                  int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ad_objects WHERE app_id = ? AND kind = ? "
                + "AND state = 'CREATED'");
        List<Object> params = new ArrayList<>(List.of(appId, kind.name()));
        if (batchIdOrNull != null) {
            sql.append(" AND batch_id = ?");
            params.add(batchIdOrNull);
        }
        if (parentKeyOrNull != null) {
            sql.append(" AND parent_key = ?");
            params.add(parentKeyOrNull);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AdObjects::row).list();
    }

    /*
     * The runner's writes below are fenced: made only while {@code owner} holds the batch's lease (the condition of
     * BatchLease.holds, in the same statement, so a runner whose lease was taken over records nothing). Each returns
     * false when the lease was lost.
     */
    private static final String FENCED = "UPDATE ad_objects o JOIN ad_batches b ON b.id = o.batch_id SET ";
    private static final String HELD = " AND b.status = 'RUNNING' AND b.lease_owner = ? AND b.lease_until >= ?";

    /** Committed before the request goes out: a crash from here on leaves them to be looked up, never re-sent blind. */
    boolean submitting(String owner, Collection<AdObject> objects) {
        if (objects.isEmpty()) {
            return true;
        }
        Timestamp now = now();
        List<Object> params = new ArrayList<>(List.of(now));
        StringBuilder in = new StringBuilder();
        for (AdObject o : objects) {
            in.append(in.isEmpty() ? "?" : ", ?");
            params.add(o.id());
        }
        params.add(owner);
        params.add(now);
        return jdbc.sql(FENCED + "o.state = 'SUBMITTING', o.updated_at = ? WHERE o.id IN (" + in + ")" + HELD)
                .params(params).update() == objects.size();
    }

    boolean created(String owner, long id, String mediaId, String mediaStatus) {
        Timestamp now = now();
        return jdbc.sql(FENCED + "o.state = 'CREATED', o.media_id = ?, o.media_status = ?, o.error = NULL, "
                        + "o.not_before = NULL, o.updated_at = ? WHERE o.id = ?" + HELD)
                .params(mediaId, mediaStatus, now, id, owner, now).update() == 1;
    }

    /** Known not to exist; sent again once {@code notBefore} has passed. */
    boolean pending(String owner, long id, Instant notBefore, String error) {
        Timestamp now = now();
        return jdbc.sql(FENCED + "o.state = 'PENDING', o.not_before = ?, o.error = ?, o.updated_at = ? WHERE o.id = ?"
                        + HELD)
                .params(notBefore == null ? null : Timestamp.from(notBefore), cut(error), now, id, owner, now)
                .update() == 1;
    }

    /** Outcome unknown after a try: stays SUBMITTING, to be looked up by marker after {@code notBefore}. */
    boolean unknown(String owner, long id, Instant notBefore, String error) {
        Timestamp now = now();
        return jdbc.sql(FENCED + "o.state = 'SUBMITTING', o.attempts = o.attempts + 1, o.not_before = ?, o.error = ?, "
                        + "o.updated_at = ? WHERE o.id = ?" + HELD)
                .params(Timestamp.from(notBefore), cut(error), now, id, owner, now).update() == 1;
    }

    boolean failed(String owner, long id, String error, boolean countAttempt) {
        Timestamp now = now();
        return jdbc.sql(FENCED + "o.state = 'FAILED', o.attempts = o.attempts + ?, o.error = ?, o.not_before = NULL, "
                        + "o.updated_at = ? WHERE o.id = ?" + HELD)
                .params(countAttempt ? 1 : 0, cut(error), now, id, owner, now).update() == 1;
    }

    /** An operator's retry: failed objects become PENDING with fresh attempts. */
    int retryFailed(long batchId) {
        return jdbc.sql("UPDATE ad_objects SET state = 'PENDING', attempts = 0, not_before = NULL, updated_at = ? "
                + "WHERE batch_id = ? AND state = 'FAILED'").params(now(), batchId).update();
    }

    public void mediaStatus(long id, String status) {
        jdbc.sql("UPDATE ad_objects SET media_status = ?, updated_at = ? WHERE id = ?").params(status, now(), id)
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }

    static AdObject row(ResultSet rs, int i) throws SQLException {
        Timestamp nb = rs.getTimestamp(17);
        return new AdObject(rs.getLong(1), rs.getLong(2), rs.getString(3), Media.valueOf(rs.getString(4)),
                rs.getString(5), ObjectKind.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8),
                nullableLong(rs, 9), nullableLong(rs, 10), nullableLong(rs, 11), rs.getString(12),
                ObjectState.valueOf(rs.getString(13)), rs.getString(14), rs.getString(15), rs.getInt(16),
                nb == null ? null : nb.toInstant(), rs.getString(18), rs.getTimestamp(19).toInstant());
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
