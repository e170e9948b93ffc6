package io.adplatform.admin.identity;

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

/** The {@code users} and {@code teams} tables. */
@Repository
public class Users {

    private static final String COLUMNS = "id, team_id, email, display_name, password_hash, team_admin, status, "
            + "failed_logins, locked_until, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    public Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored user; {@code passwordHash} never leaves this package's services. */
    public record UserRow(long id, long teamId, String email, String displayName, String passwordHash,
                          boolean teamAdmin, String status, int failedLogins, Instant lockedUntil, Instant createdAt) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }

        Operator operator(Operator.Via via) {
            return new Operator(id, teamId, email, teamAdmin, via);
        }
    }

    public Optional<UserRow> byEmailForUpdate(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = ? FOR UPDATE").params(email)
                .query(Users::row).optional();
    }

    public Optional<UserRow> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").params(id).query(Users::row).optional();
    }

    /** A user of the team; another team's user is "not found". */
    public Optional<UserRow> inTeam(long teamId, long id) {
        return byId(id).filter(u -> u.teamId() == teamId);
    }

    public List<UserRow> team(long teamId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE team_id = ? ORDER BY id").params(teamId)
                .query(Users::row).list();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email = ?").params(email).query(Integer.class).single() > 0;
    }

    public long create(long teamId, String email, String displayName, String passwordHash, boolean teamAdmin) {
        Timestamp now = Timestamp.from(clock.instant());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO users (team_id, email, display_name, password_hash, team_admin, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)""")
                .params(teamId, email, displayName, passwordHash, teamAdmin, now, now).update(key);
        return key.getKey().longValue();
    }

    public void loginState(long id, int failedLogins, Instant lockedUntil) {
        jdbc.sql("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?")
                .params(failedLogins, lockedUntil == null ? null : Timestamp.from(lockedUntil), id).update();
    }

    public void password(long id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(passwordHash, Timestamp.from(clock.instant()), id).update();
    }

    public void status(long id, String status) {
        jdbc.sql("UPDATE users SET status = ?, updated_at = ? WHERE id = ?")
                .params(status, Timestamp.from(clock.instant()), id).update();
    }

    public void teamAdmin(long id, boolean teamAdmin) {
        jdbc.sql("UPDATE users SET team_admin = ?, updated_at = ? WHERE id = ?")
                .params(teamAdmin, Timestamp.from(clock.instant()), id).update();
    }

    public long countAll() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    public long createTeam(String name) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO teams (name, created_at) VALUES (?, ?)")
                .params(name, Timestamp.from(clock.instant())).update(key);
        return key.getKey().longValue();
    }

    public Optional<Long> teamId(String name) {
        return jdbc.sql("SELECT id FROM teams WHERE name = ?").params(name).query(Long.class).optional();
    }

    public Optional<String> teamName(long teamId) {
        return jdbc.sql("SELECT name FROM teams WHERE id = ?").params(teamId).query(String.class).optional();
    }

    private static UserRow row(ResultSet rs, int i) throws SQLException {
        Timestamp locked = rs.getTimestamp(9);
        return new UserRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getInt(8), locked == null ? null : locked.toInstant(),
                rs.getTimestamp(10).toInstant());
    }
}
