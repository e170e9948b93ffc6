package io.adplatform.offline.reports;

import io.adplatform.common.secrets.TokenCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The accounts to pull and their pull state, in MariaDB/MySQL; access tokens sealed by {@link TokenCipher}. */
public class ReportAccounts {

    private static final String COLUMNS = "media, account_id, product_id, access_token, currency, timezone, "
            + "large_account, async_threshold, enabled, created_at, updated_at, throttles, next_attempt_at, "
            + "last_attempt_at, last_success_at, last_error, last_error_at, last_rows, last_ad_count";
    private static final int ERROR_LENGTH = 2000;

    /** What an operator sets on an account; {@code accessToken} null keeps the stored one. */
    public record Settings(Media media, String accountId, String productId, String accessToken, String currency,
                           ZoneId zone, boolean large, Integer asyncThreshold, boolean enabled) {

        @Override
        public String toString() {
            return "Settings[" + media.key() + "/" + accountId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final TokenCipher cipher;

    public ReportAccounts(JdbcClient jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Creates or updates the account; true when created. A new account must come with a token. */
    public boolean put(Settings s, Instant now) {
        String aad = aad(s.media(), s.accountId());
        byte[] sealed = s.accessToken() == null ? null : cipher.seal(s.accessToken(), aad);
        int updated = jdbc.sql("UPDATE report_account SET product_id = ?, access_token = COALESCE(?, access_token), "
                        + "currency = ?, timezone = ?, large_account = ?, async_threshold = ?, enabled = ?, updated_at = ? "
                        + "WHERE media = ? AND account_id = ?")
                .params(s.productId(), sealed, s.currency(), s.zone().getId(), s.large(), s.asyncThreshold(),
                        s.enabled(), utc(now), s.media().key(), s.accountId()).update();
        if (updated > 0) {
            return false;
        }
        if (sealed == null) {
            throw new IllegalArgumentException("a new account needs its access token");
        }
        jdbc.sql("INSERT INTO report_account (media, account_id, product_id, access_token, currency, timezone, "
                        + "large_account, async_threshold, enabled, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                .params(s.media().key(), s.accountId(), s.productId(), sealed, s.currency(), s.zone().getId(),
                        s.large(), s.asyncThreshold(), s.enabled(), utc(now), utc(now)).update();
        return true;
    }

    public boolean exists(Media media, String accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM report_account WHERE media = ? AND account_id = ?")
                .params(media.key(), accountId).query(Long.class).single() > 0;
    }

    /** For display: the token is not decrypted. */
    public Optional<ReportAccount> find(Media media, String accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_account WHERE media = ? AND account_id = ?")
                .params(media.key(), accountId).query((rs, n) -> row(rs, false)).optional();
    }

    /** For display: the tokens are not decrypted. */
    public List<ReportAccount> list(Media media) {
        return media == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM report_account ORDER BY media, account_id")
                        .query((rs, n) -> row(rs, false)).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM report_account WHERE media = ? ORDER BY account_id")
                        .param(media.key()).query((rs, n) -> row(rs, false)).list();
    }

    /** The enabled accounts with their tokens, for pulling. */
    public List<ReportAccount> enabled() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_account WHERE enabled = TRUE ORDER BY media, account_id")
                .query((rs, n) -> row(rs, true)).list();
    }

    public boolean delete(Media media, String accountId) {
        jdbc.sql("DELETE FROM report_account_day WHERE media = ? AND account_id = ?").params(media.key(), accountId)
                .update();
        return jdbc.sql("DELETE FROM report_account WHERE media = ? AND account_id = ?").params(media.key(), accountId)
                .update() > 0;
    }

    /** Every requested day written: clears the error and the back-off. */
    public void recordSuccess(ReportAccount a, Instant at, int rows, int adCount) {
        jdbc.sql("UPDATE report_account SET throttles = 0, next_attempt_at = NULL, last_attempt_at = ?, "
                        + "last_success_at = ?, last_error = NULL, last_error_at = NULL, last_rows = ?, last_ad_count = ? "
                        + "WHERE media = ? AND account_id = ?")
                .params(utc(at), utc(at), rows, adCount, a.media().key(), a.accountId()).update();
    }

    /** The pull failed for a reason other than throttling (or wrote only some days): the next run tries again. */
    public void recordFailure(ReportAccount a, Instant at, String error, Integer rowsWritten) {
        jdbc.sql("UPDATE report_account SET throttles = 0, next_attempt_at = NULL, last_attempt_at = ?, "
                        + "last_error = ?, last_error_at = ?, last_rows = COALESCE(?, last_rows) "
                        + "WHERE media = ? AND account_id = ?")
                .params(utc(at), truncate(error), utc(at), rowsWritten, a.media().key(), a.accountId()).update();
    }

    /** Throttled: no pull before {@code nextAttemptAt}. {@code error} null keeps the last error (a success). */
    public void recordBackOff(ReportAccount a, Instant at, int throttles, Instant nextAttemptAt, String error) {
        jdbc.sql("UPDATE report_account SET throttles = ?, next_attempt_at = ?, last_attempt_at = ?, "
                        + "last_error = COALESCE(?, last_error), last_error_at = CASE WHEN ? IS NULL THEN last_error_at "
                        + "ELSE ? END WHERE media = ? AND account_id = ?")
                .params(throttles, utc(nextAttemptAt), utc(at), truncate(error), error, utc(at), a.media().key(),
                        a.accountId()).update();
    }

    /** Days that failed before and are still to be written. */
    public List<LocalDate> pendingDays(ReportAccount a) {
        return jdbc.sql("SELECT day FROM report_account_day WHERE media = ? AND account_id = ? ORDER BY day")
                .params(a.media().key(), a.accountId()).query((rs, n) -> rs.getObject(1, LocalDate.class)).list();
    }

    public Map<LocalDate, String> pendingDayErrors(Media media, String accountId) {
        Map<LocalDate, String> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT day, error FROM report_account_day WHERE media = ? AND account_id = ?")
                .params(media.key(), accountId)
                .query(rs -> {
                    out.put(rs.getObject(1, LocalDate.class), rs.getString(2));
                });
        return out;
    }

    public void markDaysFailed(ReportAccount a, Map<LocalDate, String> errors, Instant at) {
        errors.forEach((day, error) -> jdbc.sql("INSERT INTO report_account_day (media, account_id, day, error, "
                        + "failed_at) VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE error = VALUES(error), "
                        + "failed_at = VALUES(failed_at)")
                .params(a.media().key(), a.accountId(), day, truncate(error), utc(at)).update());
    }

    public void clearDays(ReportAccount a, Collection<LocalDate> days) {
        if (days.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM report_account_day WHERE media = :media AND account_id = :account AND day IN (:days)")
                .param("media", a.media().key()).param("account", a.accountId()).param("days", days).update();
    }

    /** Forgets failed days older than {@code before}: they are no longer retried. */
    public void dropPendingBefore(ReportAccount a, LocalDate before) {
        jdbc.sql("DELETE FROM report_account_day WHERE media = ? AND account_id = ? AND day < ?")
                .params(a.media().key(), a.accountId(), before).update();
    }

    private ReportAccount row(ResultSet rs, boolean withToken) throws SQLException {
        Media media = Media.of(rs.getString("media")).orElseThrow();
        String accountId = rs.getString("account_id");
        String token = withToken ? cipher.open(rs.getBytes("access_token"), aad(media, accountId)) : null;
        return new ReportAccount(media, accountId, rs.getString("product_id"), token, rs.getString("currency"),
                ZoneId.of(rs.getString("timezone")), rs.getBoolean("large_account"),
                (Integer) rs.getObject("async_threshold", Integer.class), rs.getBoolean("enabled"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("throttles"),
                instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"), instant(rs, "last_success_at"),
                rs.getString("last_error"), instant(rs, "last_error_at"), rs.getObject("last_rows", Integer.class),
                rs.getObject("last_ad_count", Integer.class));
    }

    private static String aad(Media media, String accountId) {
        return media.key() + ":" + accountId;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= ERROR_LENGTH ? s : s.substring(0, ERROR_LENGTH);
    }
}
