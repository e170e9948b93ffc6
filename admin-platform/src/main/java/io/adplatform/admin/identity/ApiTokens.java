package io.adplatform.admin.identity;

import io.adplatform.admin.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for scripts: {@code adp_} + 256 random bits, shown once; only their SHA-256 is stored, so a
 * leaked table opens nothing. A token acts as its user with the user's current permissions and status.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "adp_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code last_used_at} is written at most this often per token, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token as its owner sees it in a list: never the secret. */
    public record TokenInfo(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
                            Instant lastUsedAt, Instant revokedAt) {
    }

    /** The one answer that holds the secret. */
    public record IssuedToken(TokenInfo token, String secret) {
    }

    @Transactional
    public IssuedToken issue(Operator owner, String name, Duration lifetime) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String prefix = secret.substring(0, 10);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(owner.userId(), name, hash(secret), prefix, Timestamp.from(now), Timestamp.from(expires))
                .update(key);
        long id = key.getKey().longValue();
        audit.record(owner, "api-token.issued", "api-token", Long.toString(id), null,
                Map.of("name", name, "expiresAt", expires.toString()));
        return new IssuedToken(new TokenInfo(id, name, prefix, now, expires, null, null), secret);
    }

    public List<TokenInfo> list(long userId) {
        return jdbc.sql("SELECT id, name, prefix, created_at, expires_at, last_used_at, revoked_at FROM api_tokens "
                        + "WHERE user_id = ? ORDER BY id").params(userId).query(ApiTokens::info).list();
    }

    /** Revokes one of the owner's tokens; false when the owner has no such token. */
    @Transactional
    public boolean revoke(Operator owner, long id) {
        int n = jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), id, owner.userId()).update();
        if (n > 0) {
            audit.record(owner, "api-token.revoked", "api-token", Long.toString(id), null, Map.of());
        }
        return n > 0 || jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE id = ? AND user_id = ?")
                .params(id, owner.userId()).query(Integer.class).single() > 0;
    }

    /** Revokes every token of a user (disabled by a team admin). */
    public void revokeAll(long userId) {
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), userId).update();
    }

    /** The operator a presented secret stands for: unknown, revoked, expired tokens and inactive users give empty. */
    public Optional<Operator> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Found(long tokenId, Instant lastUsed, Operator operator) {
        }
        Optional<Found> found = jdbc.sql("""
                        SELECT t.id, t.last_used_at, u.id, u.team_id, u.email, u.team_admin
                        FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.status = 'ACTIVE'""")
                .params(hash(secret), Timestamp.from(now))
                .query((rs, i) -> new Found(rs.getLong(1), instant(rs.getTimestamp(2)), new Operator(rs.getLong(3),
                        rs.getLong(4), rs.getString(5), rs.getBoolean(6), Operator.Via.API_TOKEN)))
                .optional();
        found.filter(f -> f.lastUsed() == null || f.lastUsed().plus(TOUCH_EVERY).isBefore(now))
                .ifPresent(f -> jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                        .params(Timestamp.from(now), f.tokenId()).update());
        return found.map(Found::operator);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenInfo info(ResultSet rs, int i) throws SQLException {
        return new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
