-- The scheduler (io.adplatform.offline.scheduler). Times are UTC.

-- One row per job: who may run it now (a lease, like ShedLock's) and the last cron slot that was run, so a slot missed
-- while every instance was down runs once on start, not once per missed slot.
CREATE TABLE job_leases (
  job         VARCHAR(64)  NOT NULL PRIMARY KEY,
  owner       VARCHAR(128) NULL,                 -- instance id of the holder; NULL when released
  lease_until DATETIME(3)  NOT NULL,             -- the holder must renew before this, or another instance takes over
  last_slot   DATETIME(3)  NULL,                 -- the latest cron slot a run was claimed for (or when the job was first seen)
  updated_at  DATETIME(3)  NOT NULL
);

-- The run history: every scheduled or manual run, from QUEUED to its outcome.
CREATE TABLE job_runs (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job           VARCHAR(64)   NOT NULL,
  run_trigger   VARCHAR(16)   NOT NULL,          -- SCHEDULE, MANUAL
  parameters    TEXT          NULL,              -- JSON object of strings, what a manual trigger passed
  scheduled_for DATETIME(3)   NULL,              -- the cron slot of a SCHEDULE run
  requested_at  DATETIME(3)   NOT NULL,
  started_at    DATETIME(3)   NULL,
  finished_at   DATETIME(3)   NULL,
  status        VARCHAR(16)   NOT NULL,          -- QUEUED, RUNNING, SUCCEEDED, FAILED, ABANDONED
  summary       VARCHAR(1024) NULL,
  error         TEXT          NULL,
  instance      VARCHAR(128)  NULL,              -- who ran it
  KEY ix_job_runs_job (job, id),
  KEY ix_job_runs_status (status, job, id),
  UNIQUE KEY uq_job_runs_slot (job, scheduled_for)
);
