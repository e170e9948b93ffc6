-- Operators, the team → project group → product hierarchy and who may do what (seed 000 §2). Times are UTC.
-- Version ranges by feature: V1–V9 identity/access/audit, V10–V19 onboarding, V20–V29 ad accounts and batch ad
-- creation, V30–V39 DSP campaigns and DP-link pools.

CREATE TABLE teams (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(128) NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  UNIQUE KEY uq_teams_name (name)
);

CREATE TABLE users (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  team_id         BIGINT       NOT NULL,
  email           VARCHAR(254) NOT NULL,             -- lower-cased
  display_name    VARCHAR(128) NOT NULL,
  password_hash   VARCHAR(255) NOT NULL,             -- {bcrypt}…, Spring Security's delegating format
  team_admin      BOOLEAN      NOT NULL DEFAULT FALSE,
  status          VARCHAR(16)  NOT NULL,             -- ACTIVE, DISABLED
  failed_logins   INT          NOT NULL DEFAULT 0,   -- consecutive failures since the last success or lock
  locked_until    DATETIME(3)  NULL,
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_team (team_id, id),
  CONSTRAINT fk_users_team FOREIGN KEY (team_id) REFERENCES teams (id)
);

-- Personal API tokens for scripts: only the SHA-256 of the secret is kept; the secret is shown once.
CREATE TABLE api_tokens (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT       NOT NULL,
  name          VARCHAR(128) NOT NULL,
  token_hash    CHAR(64)     NOT NULL,
  prefix        VARCHAR(16)  NOT NULL,               -- the first characters, to recognise a token in a list
  created_at    DATETIME(3)  NOT NULL,
  expires_at    DATETIME(3)  NULL,
  last_used_at  DATETIME(3)  NULL,
  revoked_at    DATETIME(3)  NULL,
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  KEY ix_api_tokens_user (user_id),
  CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE project_groups (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  team_id     BIGINT       NOT NULL,
  name        VARCHAR(128) NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  UNIQUE KEY uq_project_groups_name (team_id, name),
  CONSTRAINT fk_project_groups_team FOREIGN KEY (team_id) REFERENCES teams (id)
);

-- A product (app) of the catalog; it belongs to at most one project group, and through it to one team.
CREATE TABLE products (
  app_id          VARCHAR(128)  NOT NULL PRIMARY KEY, -- store app id: Android package name, iOS "id" + digits
  name            VARCHAR(255)  NOT NULL,
  platform        VARCHAR(16)   NOT NULL,             -- IOS, ANDROID
  bundle_id       VARCHAR(255)  NOT NULL,
  store_url       VARCHAR(2048) NULL,
  icon_url        VARCHAR(2048) NULL,
  category        VARCHAR(128)  NULL,
  catalog_status  VARCHAR(16)   NOT NULL,             -- ACTIVE, ARCHIVED: the catalog's word
  team_id         BIGINT        NULL,
  group_id        BIGINT        NULL,
  synced_at       DATETIME(3)   NOT NULL,
  added_at        DATETIME(3)   NULL,                 -- when it joined its group
  KEY ix_products_group (group_id, app_id),
  KEY ix_products_team (team_id, app_id),
  CONSTRAINT fk_products_group FOREIGN KEY (group_id) REFERENCES project_groups (id)
);

-- The seed's project-group member permission table: one row per (group, user, role); has_all_app = every product of
-- the group, now and later; app_id_list = the products the role covers, kept complete for has_all_app rows by
-- write-propagation (adding a product to a group appends it to every has_all_app row in the same transaction).
CREATE TABLE group_members (
  id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  group_id     BIGINT      NOT NULL,
  user_id      BIGINT      NOT NULL,
  role         VARCHAR(32) NOT NULL,                  -- GROUP_ADMIN, BUYER, ANALYST, VIEWER
  has_all_app  BOOLEAN     NOT NULL,
  app_id_list  JSON        NOT NULL,                  -- ["com.example.app", ...]
  created_at   DATETIME(3) NOT NULL,
  updated_at   DATETIME(3) NOT NULL,
  UNIQUE KEY uq_group_members (group_id, user_id, role),
  KEY ix_group_members_user (user_id),
  CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES project_groups (id),
  CONSTRAINT fk_group_members_user FOREIGN KEY (user_id) REFERENCES users (id)
);

-- What the request path reads: one row per (user, product) with the union of the user's permissions on it, rewritten
-- with the member rows it derives from (same transaction). Never expanded at read time.
CREATE TABLE product_access (
  user_id      BIGINT       NOT NULL,
  app_id       VARCHAR(128) NOT NULL,
  group_id     BIGINT       NOT NULL,
  permissions  BIGINT       NOT NULL,                 -- bit set of io.adplatform.admin.access.Permission
  PRIMARY KEY (user_id, app_id),
  KEY ix_product_access_group (group_id, user_id)
);

-- Every change made through the API, in the transaction of the change.
CREATE TABLE audit_log (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at           DATETIME(3)  NOT NULL,
  team_id      BIGINT       NULL,
  actor_id     BIGINT       NULL,                     -- null: the platform itself (bootstrap, jobs)
  actor_kind   VARCHAR(16)  NOT NULL,                 -- SESSION, API_TOKEN, SYSTEM
  action       VARCHAR(64)  NOT NULL,                 -- e.g. member.put, product.add, login.failed
  target_type  VARCHAR(32)  NOT NULL,
  target_id    VARCHAR(128) NOT NULL,
  app_id       VARCHAR(128) NULL,
  details      JSON         NULL,
  KEY ix_audit_team (team_id, id),
  KEY ix_audit_app (app_id, id)
);
