package io.adplatform.offline.scheduler;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the run history.
 *
 * @param scheduledFor the cron slot of a {@code SCHEDULE} run; null for a manual one
 * @param instance     the instance that ran it (null while QUEUED)
 */
public record RunRecord(long id, String job, RunTrigger trigger, Map<String, String> parameters, Instant scheduledFor,
                        Instant requestedAt, Instant startedAt, Instant finishedAt, RunStatus status, String summary,
                        String error, String instance) {

    public RunRecord {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** As the job sees it. */
    JobRun toJobRun() {
        return new JobRun(id, job, trigger.name(), startedAt, parameters);
    }
}
