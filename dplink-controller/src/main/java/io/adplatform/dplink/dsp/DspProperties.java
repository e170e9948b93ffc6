package io.adplatform.dplink.dsp;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.dplink.dsp.*}: where the DSPs are, our credentials there, and how hard we may push them.
 *
 * @param attempts       calls per task before it is parked (retryable failures only; a refusal parks at once)
 * @param backoffInitial first pause between attempts, growing ×{@code backoffMultiplier} up to {@code backoffMax}
 */
@Validated
@ConfigurationProperties("adplatform.dplink.dsp")
public record DspProperties(TikTok tiktok, Meta meta, Generic generic, Duration requestTimeout, @Min(1) Integer attempts,
                            Duration backoffInitial, Double backoffMultiplier, Duration backoffMax) {

    public DspProperties {
        tiktok = tiktok == null ? new TikTok(null, null, null) : tiktok;
        meta = meta == null ? new Meta(null, null, null, null) : meta;
        generic = generic == null ? new Generic(null, null, null, null, null) : generic;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        attempts = attempts == null ? 3 : attempts;
        backoffInitial = backoffInitial == null ? Duration.ofMillis(200) : backoffInitial;
        backoffMultiplier = backoffMultiplier == null ? 3.0 : backoffMultiplier;
        backoffMax = backoffMax == null ? Duration.ofSeconds(5) : backoffMax;
    }

    /** TikTok Marketing API v1.3; {@code rateLimitPerSecond} is ours towards it (TikTok allows ~10 QPS per app on writes). */
    public record TikTok(String baseUrl, String accessToken, @Min(1) Integer rateLimitPerSecond) {
        public TikTok {
            baseUrl = baseUrl == null ? "https://business-api.tiktok.com" : baseUrl;
            accessToken = accessToken == null ? "" : accessToken;
            rateLimitPerSecond = rateLimitPerSecond == null ? 10 : rateLimitPerSecond;
        }
    }

    /** Meta Marketing API (Graph). */
    public record Meta(String baseUrl, String apiVersion, String accessToken, @Min(1) Integer rateLimitPerSecond) {
        public Meta {
            baseUrl = baseUrl == null ? "https://graph.facebook.com" : baseUrl;
            apiVersion = apiVersion == null ? "v21.0" : apiVersion;
            accessToken = accessToken == null ? "" : accessToken;
            rateLimitPerSecond = rateLimitPerSecond == null ? 10 : rateLimitPerSecond;
        }
    }

    /**
     * Any DSP with a JSON API: {@code PUT <baseUrl><deeplinkPath>} with {@code {"deeplink","requestId"}} and
     * {@code PUT <baseUrl><statusPath>} with {@code {"status":"PAUSED"|"ACTIVE"}}, bearer token. Paths may use
     * {@code {accountId}} and {@code {adId}} (the DSP's ad id).
     */
    public record Generic(String baseUrl, String token, String deeplinkPath, String statusPath,
                          @Min(1) Integer rateLimitPerSecond) {
        public Generic {
            baseUrl = baseUrl == null ? "http://127.0.0.1:8090/generic-dsp" : baseUrl;
            token = token == null ? "" : token;
            deeplinkPath = deeplinkPath == null ? "/ads/{adId}/deeplink" : deeplinkPath;
            statusPath = statusPath == null ? "/ads/{adId}/status" : statusPath;
            rateLimitPerSecond = rateLimitPerSecond == null ? 10 : rateLimitPerSecond;
        }
    }
}
