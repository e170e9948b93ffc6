package io.adplatform.offline.scheduler;

/**
 * A job the scheduler runs: on its cron schedule, or when an operator triggers it. Every bean of this type is a job.
 * Across instances, one run of a job at a time: the scheduler holds a lease on the job's name for the run.
 */
public interface ScheduledJob {

    /** Stable name, unique, {@code [a-z0-9-]+}: the key of the job's lease, its run history and its trigger URL. */
    String name();

    /** When it runs on its own: a Spring cron expression (6 fields, seconds first), in UTC; {@code "-"} for never. */
    String cron();

    /**
     * Does the work of one run. Returns a one-line summary for the run history; throws to record a failed run (the
     * message is kept). Must be safe to run again after a failure or a crash: the next run redoes what is not done.
     */
    String run(JobRun run) throws Exception;
}
