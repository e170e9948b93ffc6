package io.adplatform.offline.scheduler;

/** Where a run stands in the run history. */
public enum RunStatus {
    /** Triggered by hand, waiting for the instance that holds (or gets) the job's lease. */
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Left RUNNING by an instance whose lease expired (crashed or cut off); the job may run again. */
    ABANDONED
}
