-- Product metadata synced from the upstream product catalog (io.adplatform.offline.catalog). Times are UTC.
CREATE TABLE products (
  app_id              VARCHAR(128)  NOT NULL PRIMARY KEY, -- store app id: Android package name, iOS "id" + digits
  name                VARCHAR(255)  NOT NULL,
  platform            VARCHAR(16)   NOT NULL,             -- IOS, ANDROID
  bundle_id           VARCHAR(255)  NOT NULL,
  store_url           VARCHAR(2048) NULL,
  icon_url            VARCHAR(2048) NULL,
  category            VARCHAR(128)  NULL,
  upstream_status     VARCHAR(16)   NOT NULL,             -- ACTIVE, ARCHIVED: what the catalog says
  status              VARCHAR(16)   NOT NULL,             -- ACTIVE, ARCHIVED: ours (ARCHIVED too when missing upstream)
  upstream_updated_at DATETIME(3)   NULL,
  missing_since       DATETIME(3)   NULL,                 -- set while the product is absent from the catalog
  content_hash        CHAR(64)      NOT NULL,             -- SHA-256 of the synced fields: unchanged rows are not rewritten
  version             INT           NOT NULL,             -- +1 on every change
  created_at          DATETIME(3)   NOT NULL,
  synced_at           DATETIME(3)   NOT NULL,             -- when the row last changed
  KEY ix_products_status (status, app_id)
);
