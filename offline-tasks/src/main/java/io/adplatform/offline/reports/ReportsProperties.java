package io.adplatform.offline.reports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.reports}: media report pulls. Every default works locally against the partner fakes except the
 * base URLs, which default to the real APIs.
 *
 * @param encryptionKey      base64 of 32 bytes: the AES-256-GCM key of the stored access tokens. The default is for
 *                           local development only; production must set its own (a changed key makes stored tokens
 *                           unreadable: put them again)
 * @param reportingCurrency  ISO-4217 currency of {@code spend_reporting}; FX rates are units of it per unit
 * @param repullDays         completed days re-pulled on each run: today − N … yesterday
 * @param includeToday       also pull today's figures so far
 * @param cron               when the {@code media-reports} job runs (Spring cron, UTC)
 * @param backoffInitial     first back-off of a throttled account, doubled per consecutive throttle …
 * @param backoffMax         … up to this (a media's own "regain access in" wins when longer)
 * @param fxMaxAgeDays       a day without its own rate uses the latest earlier rate at most this many days older
 * @param pendingMaxAgeDays  account-days that failed (no FX rate) are retried until they are this old
 * @param requestTimeout     per HTTP request to a media
 */
@Validated
@ConfigurationProperties("adplatform.reports")
public record ReportsProperties(String encryptionKey, String reportingCurrency, @Min(0) @Max(90) Integer repullDays,
                                Boolean includeToday, String cron, Duration backoffInitial, Duration backoffMax,
                                @Min(0) Integer fxMaxAgeDays, @Min(0) Integer pendingMaxAgeDays,
                                Duration requestTimeout, Meta meta, TikTok tiktok) {

    /** For local development and tests only: "dev-only-reports-key-32-bytes!!!". */
    public static final String DEV_KEY = "ZGV2LW9ubHktcmVwb3J0cy1rZXktMzItYnl0ZXMhISE=";

    public ReportsProperties {
        encryptionKey = encryptionKey == null || encryptionKey.isBlank() ? DEV_KEY : encryptionKey.strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encryptionKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adplatform.reports.encryption-key must be base64", e);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("adplatform.reports.encryption-key must be base64 of 32 bytes, not "
                    + key.length);
        }
        reportingCurrency = reportingCurrency == null ? "USD" : reportingCurrency;
        repullDays = repullDays == null ? 3 : repullDays;
        includeToday = includeToday == null ? Boolean.TRUE : includeToday;
        cron = cron == null ? "0 10 * * * *" : cron;
        backoffInitial = backoffInitial == null ? Duration.ofMinutes(5) : backoffInitial;
        backoffMax = backoffMax == null ? Duration.ofHours(6) : backoffMax;
        fxMaxAgeDays = fxMaxAgeDays == null ? 7 : fxMaxAgeDays;
        pendingMaxAgeDays = pendingMaxAgeDays == null ? 30 : pendingMaxAgeDays;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        meta = meta == null ? new Meta(null, null, null, null, null, null, null, null, null) : meta;
        tiktok = tiktok == null ? new TikTok(null, null, null, null, null) : tiktok;
    }

    public byte[] keyBytes() {
        return Base64.getDecoder().decode(encryptionKey);
    }

    /**
     * Meta Insights.
     *
     * @param pageSize              {@code limit} per page
     * @param asyncAdThreshold      an account whose last pull had at least this many ads is pulled with async report
     *                              runs (unless the account sets its own threshold, or {@code large})
     * @param asyncPollInterval     pause between polls of a report run
     * @param asyncTimeout          a run not completed by then fails the pull (retried next run)
     * @param usageThreshold        back off the account when a usage header reports this percentage or more
     * @param installActionTypes    {@code actions} types counted as installs
     * @param conversionActionTypes {@code actions} types counted as conversions
     */
    public record Meta(String baseUrl, String apiVersion, @Min(1) @Max(5000) Integer pageSize,
                       @Min(1) Integer asyncAdThreshold, Duration asyncPollInterval, Duration asyncTimeout,
                       @Min(1) @Max(100) Integer usageThreshold, List<String> installActionTypes,
                       List<String> conversionActionTypes) {
        public Meta {
            baseUrl = baseUrl == null ? "https://graph.facebook.com" : baseUrl;
            apiVersion = apiVersion == null ? "v21.0" : apiVersion;
            pageSize = pageSize == null ? 500 : pageSize;
            asyncAdThreshold = asyncAdThreshold == null ? 1000 : asyncAdThreshold;
            asyncPollInterval = asyncPollInterval == null ? Duration.ofSeconds(5) : asyncPollInterval;
            asyncTimeout = asyncTimeout == null ? Duration.ofMinutes(15) : asyncTimeout;
            usageThreshold = usageThreshold == null ? 90 : usageThreshold;
            installActionTypes = installActionTypes == null ? List.of("mobile_app_install") : List.copyOf(installActionTypes);
            conversionActionTypes = conversionActionTypes == null ? List.of("app_custom_event.fb_mobile_purchase")
                    : List.copyOf(conversionActionTypes);
        }
    }

    /**
     * TikTok {@code report/integrated/get/}.
     *
     * @param pageSize         {@code page_size} (≤ 1000)
     * @param maxDaysPerCall   longer ranges are split (TikTok allows 30 days with {@code stat_time_day})
     * @param installMetric    the metric counted as installs
     * @param conversionMetric the metric counted as conversions
     */
    public record TikTok(String baseUrl, @Min(1) @Max(1000) Integer pageSize, @Min(1) @Max(30) Integer maxDaysPerCall,
                         String installMetric, String conversionMetric) {
        public TikTok {
            baseUrl = baseUrl == null ? "https://business-api.tiktok.com" : baseUrl;
            pageSize = pageSize == null ? 1000 : pageSize;
            maxDaysPerCall = maxDaysPerCall == null ? 30 : maxDaysPerCall;
            installMetric = installMetric == null ? "app_install" : installMetric;
            conversionMetric = conversionMetric == null ? "conversion" : conversionMetric;
        }
    }
}
