package io.adplatform.offline.scheduler;

/** Why a run happened: its cron slot came, or an operator asked for it. {@link JobRun#trigger()} carries the name. */
public enum RunTrigger {
    SCHEDULE,
    MANUAL
}
