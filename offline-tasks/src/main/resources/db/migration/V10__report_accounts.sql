-- Ad accounts whose media reports are pulled (Meta ad accounts, TikTok advertisers), with the pull's own state.
-- Times are UTC.
CREATE TABLE report_account (
  media           VARCHAR(16)    NOT NULL,            -- meta, tiktok
  account_id      VARCHAR(64)    NOT NULL,            -- Meta ad account number (without act_), TikTok advertiser_id
  product_id      VARCHAR(255)   NOT NULL,            -- our app id the account's spend belongs to
  access_token    VARBINARY(4096) NOT NULL,           -- AES-256-GCM: version byte, 12-byte nonce, ciphertext + tag
  currency        CHAR(3)        NOT NULL,            -- ISO-4217 currency the account reports spend in
  timezone        VARCHAR(64)    NOT NULL,            -- IANA zone of the account's report days
  large_account   BOOLEAN        NOT NULL DEFAULT FALSE, -- Meta: always use async report runs
  async_threshold INT            NULL,                -- Meta: ads from which async runs are used; NULL: the configured one
  enabled         BOOLEAN        NOT NULL DEFAULT TRUE,
  created_at      DATETIME(3)   NOT NULL,
  updated_at      DATETIME(3)   NOT NULL,
  throttles       INT            NOT NULL DEFAULT 0,  -- consecutive throttled pulls: the exponent of the back-off
  next_attempt_at DATETIME(3)   NULL,                -- backed off until then
  last_attempt_at DATETIME(3)   NULL,
  last_success_at DATETIME(3)   NULL,
  last_error      VARCHAR(2000)  NULL,
  last_error_at   DATETIME(3)   NULL,
  last_rows       INT            NULL,                -- rows written by the last pull that wrote any
  last_ad_count   INT            NULL,                -- distinct ads in the last successful pull (Meta async decision)
  PRIMARY KEY (media, account_id)
);

-- Account-days that could not be written (no FX rate): pulled again on every run until they are.
CREATE TABLE report_account_day (
  media      VARCHAR(16)   NOT NULL,
  account_id VARCHAR(64)   NOT NULL,
  day        DATE          NOT NULL,
  error      VARCHAR(2000) NOT NULL,
  failed_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (media, account_id, day)
);
