-- DSP campaigns of our own bidder (issue #6). MariaDB is the source of truth; the bidders read config.campaigns, which
-- is filled from dsp_campaign_outbox so that no committed change is ever lost on its way to Kafka.

CREATE TABLE dsp_campaigns (
  id                 VARCHAR(64)  NOT NULL PRIMARY KEY,  -- also the record key in config.campaigns
  app_id             VARCHAR(128) NOT NULL,
  name               VARCHAR(255) NOT NULL,
  status             VARCHAR(16)  NOT NULL,              -- ACTIVE, PAUSED, ARCHIVED (archived = tombstoned)
  version            BIGINT       NOT NULL,              -- +1 on every change; the CampaignConfig.version published
  published_version  BIGINT       NOT NULL DEFAULT 0,    -- the highest version Kafka has acknowledged
  config             LONGTEXT     NOT NULL,              -- the CampaignConfig JSON of `version`
  created_at         DATETIME(3)  NOT NULL,
  updated_at         DATETIME(3)  NOT NULL,
  KEY ix_dsp_campaigns_app (app_id, id)
);

-- Transactional outbox: written in the transaction of the change, sent in id order by the publisher (acks=all,
-- idempotent producer), then marked sent. payload NULL = tombstone.
CREATE TABLE dsp_campaign_outbox (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  campaign_id  VARCHAR(64)  NOT NULL,
  version      BIGINT       NOT NULL,
  payload      LONGTEXT     NULL,
  created_at   DATETIME(3)  NOT NULL,
  sent_at      DATETIME(3)  NULL,
  KEY ix_dsp_outbox_pending (sent_at, id)
);

-- One row, locked by the publisher while it sends a batch: with several instances only one sends at a time, so records
-- of one campaign reach Kafka in the order they were written.
CREATE TABLE dsp_outbox_lock (
  id  TINYINT NOT NULL PRIMARY KEY
);
INSERT INTO dsp_outbox_lock (id) VALUES (1);
