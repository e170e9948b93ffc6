-- An ad under DP-link control: its DSP binding, its rotation settings and where its rotation stands.
CREATE TABLE dpl_ad (
  ad_id           VARCHAR(128) NOT NULL PRIMARY KEY,
  dsp             VARCHAR(16)  NOT NULL,            -- TIKTOK, META, GENERIC
  account_id      VARCHAR(64)  NOT NULL,            -- TikTok advertiser_id, Meta act_<id>, the generic DSP's account
  dsp_ad_id       VARCHAR(64)  NOT NULL,            -- the ad's id at the DSP
  page_id         VARCHAR(64)  NULL,                -- Meta: the page new creatives are published as
  landing_url     VARCHAR(2048) NULL,               -- Meta: the creative's web link (store page) beside the deep link
  default_cap     INT          NOT NULL,
  round_size      INT          NOT NULL,
  wait_capacity   INT          NOT NULL,
  fixed_reserve   INT          NULL,                -- NULL: learn the late-click reserve
  allowed_schemes VARCHAR(512) NULL,                -- comma-separated deep-link schemes; NULL: any non-web custom scheme or https
  desired_state   VARCHAR(16)  NOT NULL,            -- ACTIVE or PAUSED, what the operator asked for
  status          VARCHAR(16)  NOT NULL,            -- DRAFT, ACTIVE, PAUSED, EXHAUSTED: what the DSP was told
  serving_link_id BIGINT       NULL,
  went_live_count BIGINT       NULL,                -- the serving link's count when it went live (its round's start)
  generation      BIGINT       NOT NULL DEFAULT 0,  -- bumped by every committed rotation step; replacement tasks carry it
  late_reserve    INT          NOT NULL DEFAULT 0,
  alert           VARCHAR(512) NULL,
  created_at      TIMESTAMP(3) NOT NULL,
  updated_at      TIMESTAMP(3) NOT NULL
);

CREATE TABLE dpl_link (
  link_id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ad_id            VARCHAR(128)  NOT NULL,
  url              VARCHAR(2048) NOT NULL,
  url_sha256       CHAR(64)      NOT NULL,
  cap              INT           NULL,              -- NULL: the ad's default cap
  state            VARCHAR(16)   NOT NULL,
  state_since      TIMESTAMP(3)  NOT NULL,
  count_at_swap_out BIGINT       NULL,
  rounds           INT           NOT NULL DEFAULT 0,
  created_at       TIMESTAMP(3)  NOT NULL,
  UNIQUE KEY uq_link_ad_url (ad_id, url_sha256),
  KEY ix_link_ad_state (ad_id, state)
);

-- Every rotation step, decided before the DSP is called (PENDING) and completed after (DONE): a re-run after a crash
-- finds the decision by (ad, generation) and carries it out again instead of deciding anew.
CREATE TABLE dpl_swap (
  swap_id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ad_id          VARCHAR(128) NOT NULL,
  generation     BIGINT       NOT NULL,
  kind           VARCHAR(16)  NOT NULL,             -- SWAP, RENEW, EXHAUSTED, START, PAUSE
  reason         VARCHAR(16)  NOT NULL,             -- ROUND_END, CAP, OPERATOR
  status         VARCHAR(16)  NOT NULL,             -- PENDING, DONE
  old_link_id    BIGINT       NULL,
  old_link_next  VARCHAR(16)  NULL,
  old_link_count BIGINT       NULL,
  new_link_id    BIGINT       NULL,
  new_link_count BIGINT       NULL,
  retired        VARCHAR(2048) NULL,
  reserve        INT          NOT NULL,
  actor          VARCHAR(128) NOT NULL,
  dsp_ref        VARCHAR(128) NULL,                 -- what the DSP answered (request id, new creative id)
  decided_at     TIMESTAMP(3) NOT NULL,
  completed_at   TIMESTAMP(3) NULL,
  UNIQUE KEY uq_swap_ad_generation (ad_id, generation),
  KEY ix_swap_ad (ad_id, swap_id)
);

-- Replacement tasks the DSP kept refusing: out of the partition's way, visible, retried on a schedule.
CREATE TABLE dpl_parked_task (
  ad_id          VARCHAR(128) NOT NULL,
  generation     BIGINT       NOT NULL,
  task           VARCHAR(2048) NOT NULL,
  attempts       INT          NOT NULL,
  last_error     VARCHAR(1024) NOT NULL,
  parked_at      TIMESTAMP(3) NOT NULL,
  next_attempt_at TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (ad_id, generation)
);
