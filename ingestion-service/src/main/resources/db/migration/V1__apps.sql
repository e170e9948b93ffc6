-- Apps allowed to send SDK events, with the secret their requests are signed with (HMAC-SHA256).
-- The secret must be readable to verify signatures, so it is stored as is: access to this table is access to the keys.
CREATE TABLE apps (
    app_id                     VARCHAR(255) NOT NULL,
    platform                   VARCHAR(16)  NOT NULL,
    signing_secret             VARCHAR(128) NOT NULL,
    previous_secret            VARCHAR(128) NULL,
    previous_secret_expires_at DATETIME(3)  NULL,
    enabled                    BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at                 DATETIME(3)  NOT NULL,
    updated_at                 DATETIME(3)  NOT NULL,
    PRIMARY KEY (app_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
