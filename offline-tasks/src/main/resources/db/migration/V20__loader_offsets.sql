-- Where the ClickHouse loader is in each partition, kept here instead of in Kafka so an insert and its range are
-- recorded together: pending_from..pending_to is the range being inserted (written before the insert, cleared after).
-- After a crash the owner re-reads exactly that range and inserts it again under the same dedup token, which ClickHouse
-- drops if the first insert had landed. owner_epoch fences a consumer that lost the partition: every claim of the
-- partition raises it, and a consumer writes only while the epoch is still the one its claim got.
CREATE TABLE loader_offsets (
    consumer_group   VARCHAR(200) NOT NULL,
    topic            VARCHAR(249) NOT NULL,
    partition_id     INT          NOT NULL,
    next_offset      BIGINT       NOT NULL,
    pending_from     BIGINT       NULL,
    pending_to       BIGINT       NULL,
    owner_epoch      BIGINT       NOT NULL,
    updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (consumer_group, topic, partition_id)
);
