package io.adplatform.attribution.meta;

import io.adplatform.attribution.delivery.PartnerResilience;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.attribution.meta.*}.
 *
 * @param baseUrl    Graph API base; requests go to {@code {baseUrl}/{apiVersion}/{dataset_id}/events}. Default
 *                   {@code https://graph.facebook.com}; locally partner-fakes ({@code http://127.0.0.1:8090/meta})
 * @param apiVersion Graph API version, e.g. {@code v21.0}
 * @param window     how old an event Meta still takes (7 days: one older event fails the whole request)
 * @param resilience rate limit, timeouts, circuit breaker
 */
@Validated
@ConfigurationProperties("adplatform.attribution.meta")
public record MetaProperties(URI baseUrl, @Pattern(regexp = "^v\\d+\\.\\d+$") String apiVersion, Duration window,
                             @Valid PartnerResilience resilience) {

    public MetaProperties {
        baseUrl = baseUrl == null ? URI.create("https://graph.facebook.com") : baseUrl;
        apiVersion = apiVersion == null ? "v21.0" : apiVersion;
        window = window == null ? Duration.ofDays(7) : window;
        resilience = resilience == null ? PartnerResilience.defaults() : resilience;
    }
}
