package io.adplatform.admin.onboarding;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.onboarding.*}.
 *
 * @param workerEnabled        run the scheduled worker in this instance (tests drive their own workers)
 * @param pollInterval         how often the worker looks for due steps
 * @param maxAttempts          attempts of a step before it is FAILED and waits for an operator
 * @param initialBackoff       wait after a step's first failed attempt; doubles per attempt
 * @param maxBackoff           the longest wait between attempts
 * @param lease                how long a worker holds a running step; must exceed the longest step (dashboard jobs)
 * @param ingestionUrl         ingestion-service (app credentials: SDK event routing)
 * @param attributionUrl       attribution-callback-service (partner callback settings)
 * @param newDeviceUrl         new-device-service (activation pool)
 * @param offlineTasksUrl      offline-tasks (jobs, dashboards)
 * @param middleEndUrl         the user-center / finance-center API (local fakes by default)
 * @param middleEndToken       bearer token for the middle-end API
 * @param requestTimeout       per request to a peer
 * @param dashboardJobTimeout  how long the dashboard step waits for offline-tasks' job before failing the attempt
 * @param dashboardPoll        between two looks at the dashboard job's run
 * @param dashboardDays        days of data the dashboard job reports on
 */
@ConfigurationProperties("adplatform.onboarding")
public record OnboardingProperties(Boolean workerEnabled, Duration pollInterval, Integer maxAttempts,
                                   Duration initialBackoff, Duration maxBackoff, Duration lease, URI ingestionUrl,
                                   URI attributionUrl, URI newDeviceUrl, URI offlineTasksUrl, URI middleEndUrl,
                                   String middleEndToken, Duration requestTimeout, Duration dashboardJobTimeout,
                                   Duration dashboardPoll, Integer dashboardDays) {

    public OnboardingProperties {
        workerEnabled = workerEnabled == null || workerEnabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
        ingestionUrl = ingestionUrl == null ? URI.create("http://127.0.0.1:8081") : ingestionUrl;
        newDeviceUrl = newDeviceUrl == null ? URI.create("http://127.0.0.1:8082") : newDeviceUrl;
        attributionUrl = attributionUrl == null ? URI.create("http://127.0.0.1:8083") : attributionUrl;
        offlineTasksUrl = offlineTasksUrl == null ? URI.create("http://127.0.0.1:8087") : offlineTasksUrl;
        middleEndUrl = middleEndUrl == null ? URI.create("http://127.0.0.1:8090/middle-end") : middleEndUrl;
        middleEndToken = middleEndToken == null ? "local-middle-end-token" : middleEndToken;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        dashboardJobTimeout = dashboardJobTimeout == null ? Duration.ofMinutes(2) : dashboardJobTimeout;
        dashboardPoll = dashboardPoll == null ? Duration.ofSeconds(2) : dashboardPoll;
        dashboardDays = dashboardDays == null ? 30 : dashboardDays;
        if (lease.compareTo(dashboardJobTimeout) <= 0) {
            throw new IllegalArgumentException("adplatform.onboarding.lease must be longer than dashboard-job-timeout");
        }
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, lease);
    }
}
