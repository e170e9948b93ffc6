package io.adplatform.offline.scheduler;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adplatform.scheduler}: runs every {@link ScheduledJob} on its cron and on manual triggers, one runner per job
 * across instances. Each job's cron is its own setting.
 *
 * @param enabled         whether this instance runs jobs at all (false: it still answers the API and queues triggers)
 * @param pollInterval    how often the instance looks for due slots and queued runs
 * @param leaseDuration   how long a job's lease lasts unrenewed; renewed every third of it while a run goes on; a
 *                        crashed instance's job is taken over after at most this long
 * @param instanceId      who this instance is in leases and the run history; default host name plus a random suffix
 * @param threads         jobs this instance runs at the same time
 * @param shutdownTimeout how long a stopping instance waits for its running jobs before interrupting them
 */
@ConfigurationProperties("adplatform.scheduler")
public record SchedulerProperties(Boolean enabled, Duration pollInterval, Duration leaseDuration, String instanceId,
                                  Integer threads, Duration shutdownTimeout) {

    public SchedulerProperties {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(60) : leaseDuration;
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId.strip();
        threads = threads == null ? 2 : threads;
        shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(30) : shutdownTimeout;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("adplatform.scheduler.poll-interval must be positive");
        }
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("adplatform.scheduler.lease-duration must be at least 1s");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("adplatform.scheduler.threads must be at least 1");
        }
        if (instanceId.length() > 128) {
            throw new IllegalArgumentException("adplatform.scheduler.instance-id must be at most 128 characters");
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        String id = host + '-' + HexFormat.of().formatHex(r);
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }
}
