-- Automated product onboarding (seed 000 §3): one durable workflow per product, one row per step. Workers claim the
-- due step with SELECT ... FOR UPDATE SKIP LOCKED and hold it under a lease; a step whose lease ran out is run again.

CREATE TABLE onboarding_workflows (
  app_id       VARCHAR(128) NOT NULL PRIMARY KEY,
  team_id      BIGINT       NOT NULL,
  status       VARCHAR(16)  NOT NULL,                -- RUNNING, SUCCEEDED, FAILED (derived from the steps)
  started_by   BIGINT       NULL,                    -- the operator who started it
  created_at   DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  finished_at  DATETIME(3)  NULL
);

CREATE TABLE onboarding_steps (
  app_id           VARCHAR(128)  NOT NULL,
  step             VARCHAR(32)   NOT NULL,
  position         INT           NOT NULL,
  status           VARCHAR(16)   NOT NULL,            -- PENDING, RUNNING, SUCCEEDED, FAILED
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)   NULL,                -- due time of a PENDING step; null = not armed yet
  lease_owner      VARCHAR(64)   NULL,
  lease_until      DATETIME(3)   NULL,
  last_error       VARCHAR(2000) NULL,
  output           JSON          NULL,
  started_at       DATETIME(3)   NULL,
  finished_at      DATETIME(3)   NULL,
  PRIMARY KEY (app_id, step),
  KEY ix_onboarding_steps_due (status, next_attempt_at),
  KEY ix_onboarding_steps_lease (status, lease_until),
  CONSTRAINT fk_onboarding_steps_workflow FOREIGN KEY (app_id) REFERENCES onboarding_workflows (app_id)
);

-- The product's dashboards as the admin platform lists them: which offline-tasks dashboard, and the report the
-- onboarding's dashboard job produced for it.
CREATE TABLE product_dashboards (
  app_id      VARCHAR(128) NOT NULL,
  name        VARCHAR(64)  NOT NULL,                 -- products, callbacks
  path        VARCHAR(255) NOT NULL,                 -- offline-tasks' internal API path
  report_id   VARCHAR(64)  NULL,                     -- offline-tasks run id of the product-dashboards job
  report      VARCHAR(1000) NULL,                    -- the run's summary
  created_at  DATETIME(3)  NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (app_id, name)
);
