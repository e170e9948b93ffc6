-- Ad accounts of products and the creative library (seed 000 §4): what batch ad creation combines. Times are UTC.
-- Everything here carries the product's app_id and is always looked up by (app_id, id).

-- A Meta (act_<id>) or TikTok (advertiser id) ad account connected to a product. The access token is sealed with
-- AES-256-GCM (adaccounts.TokenCipher, the account as associated data) and never leaves the service; a disconnected
-- account keeps its row (batches and campaigns point at it) but loses its token.
CREATE TABLE ad_accounts (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id         VARCHAR(128)  NOT NULL,
  media          VARCHAR(16)   NOT NULL,             -- META, TIKTOK
  account_id     VARCHAR(64)   NOT NULL,             -- act_123 (Meta), 7012345678901234567 (TikTok)
  name           VARCHAR(255)  NOT NULL,
  token_sealed   VARBINARY(4096) NULL,               -- null once disconnected
  status         VARCHAR(16)   NOT NULL,             -- CONNECTED, DISCONNECTED
  created_by     BIGINT        NULL,
  created_at     DATETIME(3)   NOT NULL,
  updated_at     DATETIME(3)   NOT NULL,
  UNIQUE KEY uq_ad_accounts (app_id, media, account_id)
);

-- Media-required settings of a campaign + ad set, per media (creatives.TemplateSettings).
CREATE TABLE ad_templates (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id      VARCHAR(128) NOT NULL,
  media       VARCHAR(16)  NOT NULL,
  name        VARCHAR(128) NOT NULL,
  settings    JSON         NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  KEY ix_ad_templates_app (app_id, id)
);

-- Who sees the ads (creatives.AudienceSpec): one ad set per audience.
CREATE TABLE ad_audiences (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id      VARCHAR(128) NOT NULL,
  name        VARCHAR(128) NOT NULL,
  spec        JSON         NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  KEY ix_ad_audiences_app (app_id, id)
);

CREATE TABLE ad_copies (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id        VARCHAR(128)  NOT NULL,
  name          VARCHAR(128)  NOT NULL,
  primary_text  VARCHAR(2200) NOT NULL,
  headline      VARCHAR(255)  NULL,
  description   VARCHAR(255)  NULL,
  created_at    DATETIME(3)   NOT NULL,
  updated_at    DATETIME(3)   NOT NULL,
  KEY ix_ad_copies_app (app_id, id)
);

-- An uploaded image or video; the bytes live in creatives.CreativeStorage under storage_key (content hash inside).
CREATE TABLE creative_assets (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  app_id        VARCHAR(128) NOT NULL,
  name          VARCHAR(255) NOT NULL,
  kind          VARCHAR(8)   NOT NULL,               -- IMAGE, VIDEO
  content_type  VARCHAR(32)  NOT NULL,               -- image/jpeg, image/png, video/mp4: read from the bytes
  size_bytes    BIGINT       NOT NULL,
  width         INT          NULL,
  height        INT          NULL,
  sha256        CHAR(64)     NOT NULL,
  storage_key   VARCHAR(255) NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  UNIQUE KEY uq_creative_assets_hash (app_id, sha256),
  KEY ix_creative_assets_app (app_id, id)
);
