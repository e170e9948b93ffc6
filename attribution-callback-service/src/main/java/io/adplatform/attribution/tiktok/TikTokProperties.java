package io.adplatform.attribution.tiktok;

import io.adplatform.attribution.delivery.PartnerResilience;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.attribution.tiktok.*}.
 *
 * @param baseUrl    Business API base; requests go to {@code {baseUrl}/open_api/v1.3/event/track/}. Default
 *                   {@code https://business-api.tiktok.com}; locally partner-fakes ({@code http://127.0.0.1:8090/tiktok})
 * @param window     how old an event we still send (7 days)
 * @param resilience rate limit (TikTok's limits are not confirmed: set it to your account's), timeouts, circuit breaker
 */
@Validated
@ConfigurationProperties("adplatform.attribution.tiktok")
public record TikTokProperties(URI baseUrl, Duration window, @Valid PartnerResilience resilience) {

    public TikTokProperties {
        baseUrl = baseUrl == null ? URI.create("https://business-api.tiktok.com") : baseUrl;
        window = window == null ? Duration.ofDays(7) : window;
        resilience = resilience == null ? PartnerResilience.defaults() : resilience;
    }
}
