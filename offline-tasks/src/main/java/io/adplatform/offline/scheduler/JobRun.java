package io.adplatform.offline.scheduler;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a job, as the job sees it.
 *
 * @param id         the run's id in the run history
 * @param job        the job's name
 * @param trigger    {@code SCHEDULE} or {@code MANUAL}
 * @param startedAt  when the run started
 * @param parameters what a manual trigger passed (empty for scheduled runs), e.g. {@code {"days":"7"}}
 */
public record JobRun(long id, String job, String trigger, Instant startedAt, Map<String, String> parameters) {

    public JobRun {
        parameters = Map.copyOf(parameters);
    }
}
