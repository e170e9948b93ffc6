-- DP-link pools live in dplink-controller, which knows nothing of products: this maps each ad under DP-link control
-- to the product it belongs to, so permissions are checked here before any call is made there.
CREATE TABLE dplink_pools (
  ad_id       VARCHAR(128) NOT NULL PRIMARY KEY,   -- dplink-controller's ad id (global there)
  app_id      VARCHAR(128) NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  created_by  BIGINT       NULL,
  KEY ix_dplink_pools_app (app_id, ad_id)
);
