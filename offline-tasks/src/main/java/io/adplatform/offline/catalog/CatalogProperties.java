package io.adplatform.offline.catalog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.catalog}: the upstream product catalog and the {@code product-catalog-sync} job.
 *
 * @param baseUrl        the catalog's base URL; its API is {@code {baseUrl}/v1/products}
 * @param token          the bearer token sent in {@code Authorization}
 * @param cron           when the sync runs on its own (Spring cron, UTC; {@code "-"} for only when triggered)
 * @param pageSize       items asked per page (1..500)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long one page may take
 * @param maxAttempts    tries per page on 5xx, 408, 429 and timeouts before the sync fails
 * @param backoffInitial wait before the second try; doubling, with jitter, up to {@code backoffMax}
 * @param backoffMax     longest wait between tries (a longer {@code Retry-After} is cut to this)
 */
@ConfigurationProperties("adplatform.catalog")
public record CatalogProperties(URI baseUrl, String token, String cron, Integer pageSize, Duration connectTimeout,
                                Duration requestTimeout, Integer maxAttempts, Duration backoffInitial,
                                Duration backoffMax) {

    public CatalogProperties {
        baseUrl = baseUrl == null ? URI.create("http://127.0.0.1:8090/product-catalog") : baseUrl;
        token = token == null ? "demo-product-catalog-token" : token;
        cron = cron == null || cron.isBlank() ? "0 */15 * * * *" : cron;
        pageSize = pageSize == null ? 200 : pageSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        backoffInitial = backoffInitial == null ? Duration.ofMillis(500) : backoffInitial;
        backoffMax = backoffMax == null ? Duration.ofSeconds(10) : backoffMax;
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("adplatform.catalog.page-size must be in 1..500");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("adplatform.catalog.max-attempts must be at least 1");
        }
    }
}
