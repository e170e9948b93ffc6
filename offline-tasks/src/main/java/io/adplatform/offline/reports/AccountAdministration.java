package io.adplatform.offline.reports;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** Checks and applies what the report-accounts API is asked; names every bad field. */
@Service
class AccountAdministration {

    static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");
    static final Pattern PRODUCT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,254}");

    /**
     * The body of {@code PUT /internal/v1/report-accounts/{media}/{accountId}}.
     *
     * @param productId      our app id the account's spend belongs to (required)
     * @param accessToken    the media token; required when the account is new, omitted keeps the stored one
     * @param currency       ISO-4217 currency the account reports spend in (required)
     * @param timezone       IANA zone of the account's report days (default UTC)
     * @param large          Meta only: always use async report runs (default false)
     * @param asyncThreshold Meta only: ads from which async runs are used (default: the configured threshold)
     * @param enabled        pulled by the job (default true)
     */
    record AccountBody(String productId, String accessToken, String currency, String timezone, Boolean large,
                       Integer asyncThreshold, Boolean enabled) {

        @Override
        public String toString() {
            return "AccountBody[" + productId + "]";
        }
    }

    /** An account as the API shows it: never its token. */
    record AccountView(String media, String accountId, String productId, boolean hasAccessToken, String currency,
                       String timezone, boolean large, Integer asyncThreshold, boolean enabled, Instant createdAt,
                       Instant updatedAt, PullState pullState) {
    }

    /** Where the account's pulls stand. */
    record PullState(Instant lastAttemptAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt,
                     Integer lastRows, Integer lastAdCount, int throttles, Instant backedOffUntil,
                     Map<LocalDate, String> pendingDays) {
    }

    private final ReportAccounts accounts;
    private final Clock clock;

    AccountAdministration(ReportAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** True when created. */
    boolean put(String mediaKey, String accountIdText, AccountBody body) {
        List<FieldError> errors = new ArrayList<>();
        Media media = Media.of(mediaKey).orElse(null);
        if (media == null) {
            errors.add(new FieldError("media", "must be meta or tiktok"));
        }
        String accountId = accountId(media, accountIdText, errors);
        if (body == null) {
            errors.add(new FieldError("body", "required: a JSON object"));
            throw ApiProblem.invalid(errors);
        }
        if (body.productId() == null || body.productId().isBlank()) {
            errors.add(new FieldError("productId", "required"));
        } else if (!PRODUCT.matcher(body.productId()).matches()) {
            errors.add(new FieldError("productId", "must be an app id: letters, digits and . _ : - (at most 255)"));
        }
        boolean exists = media != null && accountId != null && accounts.exists(media, accountId);
        if (body.accessToken() == null) {
            if (!exists) {
                errors.add(new FieldError("accessToken", "required for a new account"));
            }
        } else if (body.accessToken().isBlank() || body.accessToken().length() > 2048
                || body.accessToken().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            errors.add(new FieldError("accessToken", "must be 1..2048 printable characters without spaces"));
        }
        if (body.currency() == null) {
            errors.add(new FieldError("currency", "required: the account's ISO-4217 currency"));
        } else if (!isCurrency(body.currency())) {
            errors.add(new FieldError("currency", "not an ISO-4217 currency code"));
        }
        ZoneId zone = ZoneId.of("UTC");
        if (body.timezone() != null) {
            try {
                zone = ZoneId.of(body.timezone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timezone", "not an IANA time zone, e.g. Europe/Berlin"));
            }
        }
        boolean large = Boolean.TRUE.equals(body.large());
        if (media == Media.TIKTOK && large) {
            errors.add(new FieldError("large", "only for meta (TikTok has no async reports)"));
        }
        if (body.asyncThreshold() != null) {
            if (media == Media.TIKTOK) {
                errors.add(new FieldError("asyncThreshold", "only for meta (TikTok has no async reports)"));
            } else if (body.asyncThreshold() < 1) {
                errors.add(new FieldError("asyncThreshold", "must be at least 1"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return accounts.put(new ReportAccounts.Settings(media, accountId, body.productId(), body.accessToken(),
                body.currency(), zone, large, body.asyncThreshold(), body.enabled() == null || body.enabled()),
                clock.instant());
    }

    AccountView view(String mediaKey, String accountIdText) {
        List<FieldError> errors = new ArrayList<>();
        Media media = media(mediaKey, errors);
        String accountId = accountId(media, accountIdText, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return accounts.find(media, accountId).map(this::view)
                .orElseThrow(() -> ApiProblem.notFound("no report account " + media.key() + "/" + accountId));
    }

    List<AccountView> list(String mediaKey) {
        List<FieldError> errors = new ArrayList<>();
        Media media = mediaKey == null ? null : media(mediaKey, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return accounts.list(media).stream().map(this::view).toList();
    }

    void delete(String mediaKey, String accountIdText) {
        List<FieldError> errors = new ArrayList<>();
        Media media = media(mediaKey, errors);
        String accountId = accountId(media, accountIdText, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (!accounts.delete(media, accountId)) {
            throw ApiProblem.notFound("no report account " + media.key() + "/" + accountId);
        }
    }

    private AccountView view(ReportAccount a) {
        return new AccountView(a.media().key(), a.accountId(), a.productId(), true, a.currency(), a.zone().getId(),
                a.large(), a.asyncThreshold(), a.enabled(), a.createdAt(), a.updatedAt(),
                new PullState(a.lastAttemptAt(), a.lastSuccessAt(), a.lastError(), a.lastErrorAt(), a.lastRows(),
                        a.lastAdCount(), a.throttles(), a.nextAttemptAt(),
                        accounts.pendingDayErrors(a.media(), a.accountId())));
    }

    private static Media media(String key, List<FieldError> errors) {
        Media media = Media.of(key).orElse(null);
        if (media == null) {
            errors.add(new FieldError("media", "must be meta or tiktok"));
        }
        return media;
    }

    /** Meta accounts are stored without {@code act_}; both media use numeric ids. */
    private static String accountId(Media media, String text, List<FieldError> errors) {
        String id = media == Media.META && text.startsWith("act_") ? text.substring(4) : text;
        if (!DIGITS.matcher(id).matches()) {
            errors.add(new FieldError("accountId", media == Media.META
                    ? "must be a Meta ad account id: digits, optionally after act_" : "must be digits"));
            return null;
        }
        return id;
    }

    static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
