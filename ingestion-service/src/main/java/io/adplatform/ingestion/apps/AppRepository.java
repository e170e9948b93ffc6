package io.adplatform.ingestion.apps;

import io.adplatform.common.event.Platform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code apps} table (MariaDB/MySQL, schema in {@code db/migration}). */
@Repository
class AppRepository {

    private static final String COLUMNS =
            "app_id, platform, signing_secret, previous_secret, previous_secret_expires_at, enabled, created_at, updated_at";

    private final JdbcClient jdbc;

    AppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AppCredential> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM apps").query(AppRepository::map).list();
    }

    Optional<AppCredential> find(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM apps WHERE app_id = ?").param(appId).query(AppRepository::map).optional();
    }

    /** False when the app id is taken. */
    boolean insert(AppCredential app) {
        return jdbc.sql("INSERT IGNORE INTO apps (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(app.appId(), app.platform().name(), app.secret(), app.previousSecret(),
                        ts(app.previousSecretExpiresAt()), app.enabled(), ts(app.createdAt()), ts(app.updatedAt()))
                .update() == 1;
    }

    void update(AppCredential app) {
        jdbc.sql("UPDATE apps SET signing_secret = ?, previous_secret = ?, previous_secret_expires_at = ?, enabled = ?,"
                        + " updated_at = ? WHERE app_id = ?")
                .params(app.secret(), app.previousSecret(), ts(app.previousSecretExpiresAt()), app.enabled(),
                        ts(app.updatedAt()), app.appId())
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static AppCredential map(ResultSet rs, int row) throws SQLException {
        return new AppCredential(rs.getString("app_id"), Platform.valueOf(rs.getString("platform")),
                rs.getString("signing_secret"), rs.getString("previous_secret"),
                instant(rs, "previous_secret_expires_at"), rs.getBoolean("enabled"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
