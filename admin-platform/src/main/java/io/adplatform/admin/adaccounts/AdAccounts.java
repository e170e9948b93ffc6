package io.adplatform.admin.adaccounts;

import io.adplatform.common.secrets.TokenCipher;
import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ad accounts of products. Tokens are sealed before they reach the database and opened only for a media call
 * ({@link #credentials}); no view, log or audit entry carries them.
 */
@Service
public class AdAccounts {

    private static final String COLUMNS = "id, app_id, media, account_id, name, currency, status, created_at, "
            + "updated_at";

    private final JdbcClient jdbc;
    private final ProductAccess access;
    private final AuditLog audit;
    private final TokenCipher cipher;
    private final AccountCheck check;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AdAccounts(JdbcClient jdbc, ProductAccess access, AuditLog audit, AdsProperties props, AccountCheck check,
                      TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.cipher = new TokenCipher(props.keyBytes(), "adplatform.ads.encryption-key");
        this.check = check;
        this.tx = tx;
        this.clock = clock;
    }

    /** A connect request; {@code accessToken} is write-only. */
    public record Connect(String media, String accountId, String name, String accessToken) {

        @Override
        public String toString() {
            return "Connect[" + media + ":" + accountId + "]";
        }
    }

    /**
     * Connects the account to the product, or replaces the name and token of one already connected (or reconnects a
     * disconnected one). The token is first tried at the media (outside any transaction: no connection is held during
     * the call): refused → 400 naming {@code accessToken}, no answer → 503; nothing is stored then. The account's
     * currency, and its name unless one is given, are the media's.
     */
    public AdAccount connect(Operator op, String appId, Connect body) {
        access.require(op, appId, Permission.MANAGE_AD_ACCOUNTS);
        List<FieldError> errors = new ArrayList<>();
        Media media = body == null ? null : Media.parse(body.media()).orElse(null);
        if (media == null) {
            errors.add(new FieldError("media", "must be META or TIKTOK"));
        }
        String accountId = body == null || body.accountId() == null ? null : body.accountId().trim();
        if (media != null && !media.validAccountId(accountId)) {
            errors.add(new FieldError("accountId", "must be " + media.accountIdForm()));
        } else if (media == null && (accountId == null || accountId.isEmpty())) {
            errors.add(new FieldError("accountId", "is required"));
        }
        String name = body == null || body.name() == null || body.name().isBlank() ? null : body.name().trim();
        if (name != null && name.length() > 255) {
            errors.add(new FieldError("name", "at most 255 characters"));
        }
        String token = body == null ? null : body.accessToken();
        if (token == null || token.isBlank() || token.length() > 2048 || !token.strip().equals(token)
                || token.chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError("accessToken", "is required: 1..2048 characters without spaces"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        AccountCheck.Result checked = check.check(media, accountId, token);
        if (checked instanceof AccountCheck.Refused r) {
            throw ApiProblem.invalid(List.of(new FieldError("accessToken",
                    "the media refused this token for " + accountId + ": " + r.message())));
        }
        if (checked instanceof AccountCheck.Unreachable u) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                    "could not check the token with " + media + " (" + u.message() + "); nothing stored, try again",
                    List.of());
        }
        AccountCheck.Found found = (AccountCheck.Found) checked;
        String label = name != null ? name : found.name() != null ? cut(found.name(), 255) : accountId;
        byte[] sealed = cipher.seal(token, aad(media, accountId));
        return tx.execute(t -> store(op, appId, media, accountId, label, found.currency(), sealed));
    }

    private AdAccount store(Operator op, String appId, Media media, String accountId, String name, String currency,
                            byte[] sealed) {
        Timestamp now = Timestamp.from(clock.instant());
        Optional<Long> existing = jdbc.sql("SELECT id FROM ad_accounts WHERE app_id = ? AND media = ? AND account_id = ? "
                + "FOR UPDATE").params(appId, media.name(), accountId).query(Long.class).optional();
        long id;
        String action;
        if (existing.isPresent()) {
            id = existing.get();
            jdbc.sql("UPDATE ad_accounts SET name = ?, currency = ?, token_sealed = ?, status = 'CONNECTED', "
                            + "updated_at = ? WHERE id = ?")
                    .params(name, currency, sealed, now, id).update();
            action = "ad-account.reconnected";
        } else {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO ad_accounts (app_id, media, account_id, name, currency, token_sealed, status,
                              created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'CONNECTED', ?, ?, ?)""")
                    .params(appId, media.name(), accountId, name, currency, sealed, op.userId(), now, now)
                    .update(keys);
            id = keys.getKey().longValue();
            action = "ad-account.connected";
        }
        audit.record(op, action, "ad-account", Long.toString(id), appId,
                Map.of("media", media.name(), "accountId", accountId, "name", name, "currency", currency));
        return find(appId, id).orElseThrow();
    }

    public List<AdAccount> list(Operator op, String appId) {
        access.require(op, appId, Permission.USE_AD_ACCOUNTS);
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_accounts WHERE app_id = ? ORDER BY id").params(appId)
                .query(AdAccounts::row).list();
    }

    public AdAccount get(Operator op, String appId, long id) {
        access.require(op, appId, Permission.USE_AD_ACCOUNTS);
        return find(appId, id).orElseThrow(() -> notFound(id));
    }

    /** Erases the token; the row stays for the batches and campaigns made with it. */
    @Transactional
    public void disconnect(Operator op, String appId, long id) {
        access.require(op, appId, Permission.MANAGE_AD_ACCOUNTS);
        AdAccount a = find(appId, id).orElseThrow(() -> notFound(id));
        jdbc.sql("UPDATE ad_accounts SET token_sealed = NULL, status = 'DISCONNECTED', updated_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
        audit.record(op, "ad-account.disconnected", "ad-account", Long.toString(id), appId,
                Map.of("media", a.media().name(), "accountId", a.accountId()));
    }

    public Optional<AdAccount> find(String appId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ad_accounts WHERE app_id = ? AND id = ?").params(appId, id)
                .query(AdAccounts::row).optional();
    }

    /** The account's token opened for a media call; empty when the account is gone or disconnected. */
    public Optional<AccountCredentials> credentials(String appId, long id) {
        return jdbc.sql("SELECT media, account_id, token_sealed FROM ad_accounts WHERE app_id = ? AND id = ? "
                        + "AND status = 'CONNECTED'").params(appId, id)
                .query((rs, i) -> {
                    Media media = Media.valueOf(rs.getString(1));
                    String accountId = rs.getString(2);
                    return new AccountCredentials(id, media, accountId, cipher.open(rs.getBytes(3), aad(media, accountId)));
                }).optional();
    }

    static String aad(Media media, String accountId) {
        return media.name() + ":" + accountId;
    }

    public static ApiProblem notFound(long id) {
        return ApiProblem.notFound("no ad account " + id + " in this product");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static AdAccount row(ResultSet rs, int i) throws SQLException {
        return new AdAccount(rs.getLong(1), rs.getString(2), Media.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant());
    }
}
