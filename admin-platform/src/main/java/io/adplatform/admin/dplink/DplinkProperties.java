package io.adplatform.admin.dplink;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.dplink.*}: where dplink-controller's pool API is.
 *
 * @param baseUrl        its {@code /internal/v1/dplink} root
 * @param serviceToken   the {@code X-Service-Token} it expects; this service's own {@code adplatform.service-token}
 *                       when left out (one token per deployment)
 * @param connectTimeout beyond it the controller counts as unreachable (503)
 * @param readTimeout    the longest a call may take
 */
@ConfigurationProperties("adplatform.dplink")
public record DplinkProperties(String baseUrl, String serviceToken, Duration connectTimeout, Duration readTimeout) {

    public DplinkProperties {
        baseUrl = baseUrl == null ? "http://127.0.0.1:8084/internal/v1/dplink" : baseUrl;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
