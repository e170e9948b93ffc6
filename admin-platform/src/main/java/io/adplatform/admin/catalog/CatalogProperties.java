package io.adplatform.admin.catalog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.catalog.*}: where product metadata comes from (offline-tasks, which syncs the upstream catalog).
 *
 * @param offlineTasksUrl offline-tasks' base URL (internal API, {@code X-Service-Token})
 * @param scheduled       pull on a schedule in this instance
 * @param syncInterval    between two scheduled pulls
 * @param pageSize        products per page read from offline-tasks (its maximum is 1000)
 * @param runTimeout      an on-demand sync waits this long for offline-tasks' own catalog sync to finish
 * @param runPoll         between two looks at that run
 * @param requestTimeout  per request to offline-tasks
 */
@ConfigurationProperties("adplatform.catalog")
public record CatalogProperties(URI offlineTasksUrl, Boolean scheduled, Duration syncInterval, Integer pageSize,
                                Duration runTimeout, Duration runPoll, Duration requestTimeout) {

    public CatalogProperties {
        offlineTasksUrl = offlineTasksUrl == null ? URI.create("http://127.0.0.1:8087") : offlineTasksUrl;
        scheduled = scheduled == null || scheduled;
        syncInterval = syncInterval == null ? Duration.ofMinutes(15) : syncInterval;
        pageSize = pageSize == null ? 500 : pageSize;
        runTimeout = runTimeout == null ? Duration.ofMinutes(2) : runTimeout;
        runPoll = runPoll == null ? Duration.ofSeconds(1) : runPoll;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("adplatform.catalog.page-size must be between 1 and 1000");
        }
    }
}
