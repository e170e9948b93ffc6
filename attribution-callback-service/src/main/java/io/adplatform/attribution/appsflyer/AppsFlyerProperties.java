package io.adplatform.attribution.appsflyer;

import io.adplatform.attribution.delivery.PartnerResilience;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.attribution.appsflyer.*}.
 *
 * @param baseUrl             S2S API base; requests go to {@code {baseUrl}/inappevent/{app_id}}. Default
 *                            {@code https://api3.appsflyer.com}; the local profile and tests point at partner-fakes
 *                            ({@code http://127.0.0.1:8090/appsflyer})
 * @param windowAfterMidnight AppsFlyer keeps a back-dated eventTime only when the event arrives by this long after
 *                            midnight UTC of the next day (02:00); later, the callback is dead-lettered
 * @param resilience          rate limit (AppsFlyer allows 60,000 requests/min = 1,000/s), timeouts, circuit breaker
 */
@Validated
@ConfigurationProperties("adplatform.attribution.appsflyer")
public record AppsFlyerProperties(URI baseUrl, Duration windowAfterMidnight, @Valid PartnerResilience resilience) {

    public AppsFlyerProperties {
        baseUrl = baseUrl == null ? URI.create("https://api3.appsflyer.com") : baseUrl;
        windowAfterMidnight = windowAfterMidnight == null ? Duration.ofHours(2) : windowAfterMidnight;
        resilience = resilience == null ? PartnerResilience.defaults() : resilience;
    }
}
