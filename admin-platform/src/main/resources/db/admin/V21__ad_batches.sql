-- Batch ad creation (seed 000 §4): a batch is the stored plan; each media object it creates (campaign, ad set,
-- creative, ad) is a row with its own state, so progress survives a restart and a retry redoes only what is missing.

CREATE TABLE ad_batches (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id       VARCHAR(128) NOT NULL,
  media        VARCHAR(16)  NOT NULL,
  status       VARCHAR(16)  NOT NULL,                -- RUNNING, DONE, PARTIAL (some objects FAILED)
  request      JSON         NOT NULL,                -- what the buyer asked for (ids of accounts, template, ...)
  ad_count     INT          NOT NULL,
  created_by   BIGINT       NULL,
  created_at   DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  finished_at  DATETIME(3)  NULL,
  KEY ix_ad_batches_app (app_id, id),
  KEY ix_ad_batches_status (status)
);

-- One media object of a batch. item_key is stable within the batch and, with the batch id, forms the marker
-- [adp:<batch>:<key>] carried in the object's name: before re-creating an object whose last attempt has an unknown
-- outcome (SUBMITTING), the runner looks it up by that marker and adopts it.
CREATE TABLE ad_objects (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  batch_id         BIGINT        NOT NULL,
  app_id           VARCHAR(128)  NOT NULL,
  media            VARCHAR(16)   NOT NULL,
  item_key         VARCHAR(96)   NOT NULL,
  kind             VARCHAR(16)   NOT NULL,           -- CAMPAIGN, ADSET, CREATIVE, AD
  parent_key       VARCHAR(96)   NULL,               -- an ad set's campaign, a creative's ad set, an ad's creative
  ad_account_ref   BIGINT        NOT NULL,           -- ad_accounts.id
  audience_id      BIGINT        NULL,
  copy_id          BIGINT        NULL,
  asset_id         BIGINT        NULL,
  name             VARCHAR(512)  NOT NULL,
  state            VARCHAR(16)   NOT NULL,           -- PENDING, SUBMITTING, CREATED, FAILED
  media_id         VARCHAR(64)   NULL,
  media_status     VARCHAR(16)   NULL,               -- ACTIVE/PAUSED (Meta), ENABLE/DISABLE (TikTok) as last set
  attempts         INT           NOT NULL DEFAULT 0,
  not_before       DATETIME(3)   NULL,               -- backoff after a transient failure
  error            VARCHAR(1024) NULL,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(3)   NOT NULL,
  UNIQUE KEY uq_ad_objects_key (batch_id, item_key),
  KEY ix_ad_objects_app (app_id, kind, id),
  KEY ix_ad_objects_state (batch_id, state)
);
