package io.adplatform.admin.adaccounts;

import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.ads.*}: ad accounts, the creative library and batch ad creation.
 *
 * @param encryptionKey base64 of the 32-byte AES key sealing access tokens at rest. The default works locally and is
 *                      public: production MUST set {@code ADPLATFORM_ADS_ENCRYPTION_KEY} (changing it makes the stored
 *                      tokens unreadable: connect the accounts again)
 * @param meta          the Meta Marketing API
 * @param tiktok        the TikTok Marketing API
 * @param storage       where uploaded creative assets are kept
 * @param runner        how batches are submitted
 */
@ConfigurationProperties("adplatform.ads")
public record AdsProperties(String encryptionKey, Meta meta, TikTok tiktok, Storage storage, Runner runner) {

    /** A well-known key for local runs and tests only. */
    static final String LOCAL_KEY = "bG9jYWwtZGV2LWtleS1hZHMtbm90LWEtc2VjcmV0ISE=";

    public AdsProperties {
        encryptionKey = encryptionKey == null || encryptionKey.isBlank() ? LOCAL_KEY : encryptionKey;
        meta = meta == null ? new Meta(null, null, null, null, null, null) : meta;
        tiktok = tiktok == null ? new TikTok(null, null) : tiktok;
        storage = storage == null ? new Storage(null, null, null, null, null, null) : storage;
        runner = runner == null ? new Runner(null, null, null, null, null, null, null, null, null) : runner;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encryptionKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adplatform.ads.encryption-key must be base64", e);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("adplatform.ads.encryption-key must be 32 bytes (base64 of them)");
        }
    }

    public byte[] keyBytes() {
        return Base64.getDecoder().decode(encryptionKey);
    }

    /**
     * @param baseUrl            Graph's root ({@code https://graph.facebook.com} in production; the local fake by
     *                           default)
     * @param apiVersion         e.g. {@code v21.0}
     * @param maxOpsPerBatch     operations per Graph batch request (Graph allows 50)
     * @param regainAccessUnit   what one unit of {@code estimated_time_to_regain_access} means: a minute at Meta;
     *                           tests shorten it together with the fake's
     * @param throttleMinWait    the least rest after a throttled call that announced no wait
     * @param usageThreshold     usage percent ({@code X-Business-Use-Case-Usage}) at which the client rests before
     *                           the next call
     */
    public record Meta(String baseUrl, String apiVersion, Integer maxOpsPerBatch, Duration regainAccessUnit,
                       Duration throttleMinWait, Integer usageThreshold) {
        public Meta {
            baseUrl = baseUrl == null ? "http://127.0.0.1:8090/meta" : baseUrl;
            apiVersion = apiVersion == null ? "v21.0" : apiVersion;
            maxOpsPerBatch = maxOpsPerBatch == null ? 50 : maxOpsPerBatch;
            regainAccessUnit = regainAccessUnit == null ? Duration.ofMinutes(1) : regainAccessUnit;
            throttleMinWait = throttleMinWait == null ? Duration.ofSeconds(10) : throttleMinWait;
            usageThreshold = usageThreshold == null ? 95 : usageThreshold;
            if (maxOpsPerBatch < 2 || maxOpsPerBatch > 50) {
                throw new IllegalArgumentException("adplatform.ads.meta.max-ops-per-batch must be 2..50");
            }
        }
    }

    /**
     * @param baseUrl          the Marketing API root, {@code .../open_api/v1.3/} is appended
     * @param throttleWait     rest after code 40100 (TikTok announces no wait)
     */
    public record TikTok(String baseUrl, Duration throttleWait) {
        public TikTok {
            baseUrl = baseUrl == null ? "http://127.0.0.1:8090/tiktok" : baseUrl;
            throttleWait = throttleWait == null ? Duration.ofSeconds(10) : throttleWait;
        }
    }

    /**
     * @param directory      where {@code LocalDiskStorage} keeps assets
     * @param publicBaseUrl  the URL the media fetch an asset from ({@code publicBaseUrl + storage key}): a CDN or
     *                       bucket in production
     * @param maxImageBytes  largest image taken
     * @param maxVideoBytes  largest video taken (also bounded by spring.servlet.multipart.max-file-size)
     * @param minImageSide   smallest width/height of an image, pixels
     * @param maxImageSide   largest width/height of an image, pixels
     */
    public record Storage(String directory, String publicBaseUrl, Long maxImageBytes, Long maxVideoBytes,
                          Integer minImageSide, Integer maxImageSide) {
        public Storage {
            directory = directory == null ? System.getProperty("java.io.tmpdir") + "/adplatform-creatives" : directory;
            publicBaseUrl = publicBaseUrl == null ? "http://127.0.0.1:8088/creative-assets/" : publicBaseUrl;
            maxImageBytes = maxImageBytes == null ? 30L * 1024 * 1024 : maxImageBytes;
            maxVideoBytes = maxVideoBytes == null ? 60L * 1024 * 1024 : maxVideoBytes;
            minImageSide = minImageSide == null ? 200 : minImageSide;
            maxImageSide = maxImageSide == null ? 8192 : maxImageSide;
        }
    }

    /**
     * @param threads          batches submitted at once
     * @param maxAttempts      tries of one object after transient failures before it is FAILED (a throttled call is
     *                         not a try)
     * @param backoffInitial   first wait after a transient failure, doubled per try
     * @param backoffMax       longest such wait
     * @param maxThrottleWait  longest single rest the runner takes for a throttled account (longer announced waits are
     *                         taken in steps of this)
     * @param httpTimeout      per media request
     * @param resumeOnStart    resume unfinished batches when the service starts
     * @param pollInterval     how often each instance looks for RUNNING batches nobody holds (a lease ran out: its
     *                         runner died; or never taken)
     * @param lease            how long a runner holds a batch without renewing (it renews every third of it); at
     *                         least three times {@code httpTimeout}: a step of media calls (an image upload and a
     *                         create at most) started under a fresh lease ends before another instance may take the
     *                         batch over
     */
    public record Runner(Integer threads, Integer maxAttempts, Duration backoffInitial, Duration backoffMax,
                         Duration maxThrottleWait, Duration httpTimeout, Boolean resumeOnStart, Duration pollInterval,
                         Duration lease) {
        public Runner {
            threads = threads == null ? 2 : threads;
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            backoffInitial = backoffInitial == null ? Duration.ofSeconds(1) : backoffInitial;
            backoffMax = backoffMax == null ? Duration.ofMinutes(1) : backoffMax;
            maxThrottleWait = maxThrottleWait == null ? Duration.ofMinutes(5) : maxThrottleWait;
            httpTimeout = httpTimeout == null ? Duration.ofSeconds(30) : httpTimeout;
            resumeOnStart = resumeOnStart == null || resumeOnStart;
            pollInterval = pollInterval == null ? Duration.ofSeconds(15) : pollInterval;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("adplatform.ads.runner.poll-interval must be positive");
            }
            if (lease.compareTo(httpTimeout.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("adplatform.ads.runner.lease must be at least three times "
                        + "adplatform.ads.runner.http-timeout");
            }
        }
    }
}
