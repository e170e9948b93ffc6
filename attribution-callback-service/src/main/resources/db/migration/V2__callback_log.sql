-- Each routed event once (not once per partner): retries and replays rebuild the partner requests from it.
CREATE TABLE attribution_event (
    event_id   VARCHAR(64)  NOT NULL,
    product_id VARCHAR(128) NOT NULL,
    event_json MEDIUMTEXT   NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The callback log is also the delivery ledger: UNIQUE(event_id, partner) makes "one delivery per event and partner"
-- a database fact. A row is claimed (claim token + lease) before a request is sent; DELIVERED and DEAD_LETTERED rows are
-- never sent again. All times are UTC.
CREATE TABLE callback_log (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    event_id           VARCHAR(64)   NOT NULL,
    partner            VARCHAR(16)   NOT NULL,
    product_id         VARCHAR(128)  NOT NULL,
    event_type         VARCHAR(16)   NOT NULL,
    event_name         VARCHAR(100)  NULL,
    partner_event_name VARCHAR(100)  NOT NULL,
    include_revenue    BOOLEAN       NOT NULL,
    event_time         DATETIME(3)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    attempts           INT           NOT NULL DEFAULT 0,
    replays            INT           NOT NULL DEFAULT 0,
    claim              CHAR(36)      NULL,
    lease_until        DATETIME(3)   NOT NULL,
    next_attempt_at    DATETIME(3)   NULL,
    last_http_status   INT           NULL,
    last_latency_ms    BIGINT        NULL,
    last_error         VARCHAR(1000) NULL,
    partner_response   VARCHAR(2000) NULL,
    created_at         DATETIME(3)   NOT NULL,
    updated_at         DATETIME(3)   NOT NULL,
    delivered_at       DATETIME(3)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_callback_event_partner (event_id, partner),
    KEY ix_callback_product_created (product_id, created_at),
    KEY ix_callback_status_created (status, created_at),
    KEY ix_callback_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
