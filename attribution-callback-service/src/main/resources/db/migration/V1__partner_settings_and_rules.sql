-- Partner settings per product: public identifiers in clear, the secret sealed with AES-GCM by the service.
CREATE TABLE partner_settings (
    product_id        VARCHAR(128)    NOT NULL,
    partner           VARCHAR(16)     NOT NULL,
    enabled           BOOLEAN         NOT NULL,
    config            JSON            NOT NULL,
    secret_ciphertext VARBINARY(2048) NOT NULL,
    created_at        DATETIME(3)     NOT NULL,
    updated_at        DATETIME(3)     NOT NULL,
    PRIMARY KEY (product_id, partner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A product's own rules for one partner (ordered JSON list); no row = the defaults apply.
CREATE TABLE partner_rules (
    product_id VARCHAR(128) NOT NULL,
    partner    VARCHAR(16)  NOT NULL,
    rules      JSON         NOT NULL,
    updated_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (product_id, partner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
