-- Every event stream, one table each, as the loader writes them. All times UTC; a "day" is a UTC day.
-- Dedup, twice over: each table is a ReplacingMergeTree whose sorting key ends with the event's id (a duplicate that
-- reached the table is merged away, and FINAL reads hide it before that), and the loader inserts every batch with an
-- insert_deduplication_token naming its exact offset range, so a batch replayed after a crash is dropped whole by the
-- table and by the materialized views below it (non_replicated_deduplication_window).

CREATE TABLE IF NOT EXISTS sdk_events (
    event_id String,
    type LowCardinality(String),
    event_name String,
    app_id LowCardinality(String),
    platform LowCardinality(String),
    device_key String,
    customer_user_id String,
    occurred_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    country LowCardinality(String),
    revenue Decimal(18, 6),
    currency LowCardinality(String),
    media_source LowCardinality(String),
    campaign String,
    ad_set String,
    ad String,
    app_version LowCardinality(String)
) ENGINE = ReplacingMergeTree(received_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (app_id, toDate(occurred_at), event_id)
TTL toDate(occurred_at) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- SDK events after routing: the new-device flag, the device's first-seen time and the attribution to report.
-- media_source is normalised by the loader (meta, tiktok, organic, or the source's own name in lower case).
CREATE TABLE IF NOT EXISTS attribution_events (
    event_id String,
    type LowCardinality(String),
    event_name String,
    app_id LowCardinality(String),
    platform LowCardinality(String),
    device_key String,
    occurred_at DateTime64(3, 'UTC'),
    routed_at DateTime64(3, 'UTC'),
    new_device UInt8,
    first_seen_at Nullable(DateTime64(3, 'UTC')),
    country LowCardinality(String),
    revenue Decimal(18, 6),
    currency LowCardinality(String),
    media_source LowCardinality(String),
    campaign String,
    ad_set String,
    ad String
) ENGINE = ReplacingMergeTree(routed_at)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (app_id, toDate(occurred_at), event_id)
TTL toDate(occurred_at) + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- One row per delivery attempt outcome (an event's retries are separate rows).
CREATE TABLE IF NOT EXISTS callback_results (
    event_id String,
    app_id LowCardinality(String),
    partner LowCardinality(String),
    partner_event_name String,
    outcome LowCardinality(String),
    attempts UInt16,
    http_status Nullable(UInt16),
    latency_ms Nullable(UInt32),
    detail String,
    at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (app_id, toDate(at), event_id, partner, attempts, outcome)
TTL toDate(at) + INTERVAL 180 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- The bidder's auction events. BID rows are the bulk and are kept 30 days; notices 400.
-- price_micros: CPM micros (BID: our bid; WIN/BILLING: the clearing price).
CREATE TABLE IF NOT EXISTS bid_events (
    event_id String,
    type LowCardinality(String),
    bid_id String,
    request_id String,
    imp_id String,
    exchange LowCardinality(String),
    campaign_id String,
    creative_id String,
    price_micros Int64,
    currency LowCardinality(String),
    pctr Float32,
    user_key String,
    country LowCardinality(String),
    bundle_or_domain String,
    model_version UInt64,
    loss_reason Nullable(Int32),
    at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (campaign_id, toDate(at), event_id)
TTL toDate(at) + INTERVAL 30 DAY DELETE WHERE type = 'BID', toDate(at) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- Click reports from DSPs and tracking sources, as the DP-link controller counts them.
CREATE TABLE IF NOT EXISTS tracking_clicks (
    click_id String,
    source LowCardinality(String),
    ad_id String,
    link_id String,
    clicked_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    ip String,
    user_agent String
) ENGINE = ReplacingMergeTree(received_at)
PARTITION BY toYYYYMM(clicked_at)
ORDER BY (source, toDate(clicked_at), click_id)
TTL toDate(clicked_at) + INTERVAL 180 DAY
SETTINGS non_replicated_deduplication_window = 10000;

-- DSP campaigns as published on config.campaigns: the campaign's advertiser is the product (app id) it promotes.
CREATE TABLE IF NOT EXISTS dsp_campaigns (
    campaign_id String,
    app_id LowCardinality(String),
    name String,
    version UInt64,
    updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(version)
ORDER BY campaign_id
SETTINGS non_replicated_deduplication_window = 10000;

-- Roll-up: day x product x media source x campaign x country (x currency, so revenue converts at each day's rate).
CREATE TABLE IF NOT EXISTS daily_product_stats (
    app_id LowCardinality(String),
    day Date,
    media_source LowCardinality(String),
    campaign String,
    country LowCardinality(String),
    currency LowCardinality(String),
    events SimpleAggregateFunction(sum, UInt64),
    new_devices SimpleAggregateFunction(sum, UInt64),
    active_devices AggregateFunction(uniq, String),
    payers AggregateFunction(uniq, String),
    payments SimpleAggregateFunction(sum, UInt64),
    revenue SimpleAggregateFunction(sum, Decimal(38, 6))
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (app_id, day, media_source, campaign, country, currency)
TTL day + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_product_stats_mv TO daily_product_stats AS
SELECT app_id, toDate(occurred_at) AS day, media_source, campaign, country, currency,
       count() AS events,
       countIf(new_device = 1) AS new_devices,
       uniqState(device_key) AS active_devices,
       uniqIfState(device_key, type = 'PAYMENT') AS payers,
       countIf(type = 'PAYMENT') AS payments,
       sumIf(toDecimal128(revenue, 6), type = 'PAYMENT') AS revenue
FROM attribution_events
GROUP BY app_id, day, media_source, campaign, country, currency;

-- Roll-up by install cohort: the devices first seen on install_day, what they did days_since days later (0..30).
CREATE TABLE IF NOT EXISTS daily_cohort_stats (
    app_id LowCardinality(String),
    install_day Date,
    media_source LowCardinality(String),
    campaign String,
    country LowCardinality(String),
    days_since UInt16,
    currency LowCardinality(String),
    active_devices AggregateFunction(uniq, String),
    payers AggregateFunction(uniq, String),
    revenue SimpleAggregateFunction(sum, Decimal(38, 6))
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(install_day)
ORDER BY (app_id, install_day, media_source, campaign, country, days_since, currency)
TTL install_day + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_cohort_stats_mv TO daily_cohort_stats AS
SELECT app_id, toDate(assumeNotNull(first_seen_at)) AS install_day, media_source, campaign, country,
       toUInt16(dateDiff('day', toDate(assumeNotNull(first_seen_at)), toDate(occurred_at))) AS days_since, currency,
       uniqState(device_key) AS active_devices,
       uniqIfState(device_key, type = 'PAYMENT') AS payers,
       sumIf(toDecimal128(revenue, 6), type = 'PAYMENT') AS revenue
FROM attribution_events
WHERE first_seen_at IS NOT NULL AND occurred_at >= first_seen_at
  AND dateDiff('day', toDate(assumeNotNull(first_seen_at)), toDate(occurred_at)) <= 30
GROUP BY app_id, install_day, media_source, campaign, country, days_since, currency;

-- Roll-up of the bidder: day x campaign x creative x exchange x country.
CREATE TABLE IF NOT EXISTS daily_dsp_stats (
    day Date,
    campaign_id String,
    creative_id String,
    exchange LowCardinality(String),
    country LowCardinality(String),
    currency LowCardinality(String),
    bids SimpleAggregateFunction(sum, UInt64),
    wins SimpleAggregateFunction(sum, UInt64),
    losses SimpleAggregateFunction(sum, UInt64),
    impressions SimpleAggregateFunction(sum, UInt64),
    clicks SimpleAggregateFunction(sum, UInt64),
    win_price_cpm_micros SimpleAggregateFunction(sum, Int64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (campaign_id, day, country, exchange, creative_id, currency)
TTL day + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_dsp_stats_mv TO daily_dsp_stats AS
SELECT toDate(at) AS day, campaign_id, creative_id, exchange, country, currency,
       countIf(type = 'BID') AS bids,
       countIf(type = 'WIN') AS wins,
       countIf(type = 'LOSS') AS losses,
       countIf(type = 'IMPRESSION') AS impressions,
       countIf(type = 'CLICK') AS clicks,
       sumIf(price_micros, type = 'WIN') AS win_price_cpm_micros
FROM bid_events
GROUP BY day, campaign_id, creative_id, exchange, country, currency;

-- Roll-up of partner callbacks: day x product x partner x outcome.
CREATE TABLE IF NOT EXISTS daily_callback_stats (
    app_id LowCardinality(String),
    day Date,
    partner LowCardinality(String),
    outcome LowCardinality(String),
    results SimpleAggregateFunction(sum, UInt64),
    latency_ms_sum SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (app_id, day, partner, outcome)
TTL day + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_callback_stats_mv TO daily_callback_stats AS
SELECT app_id, toDate(at) AS day, partner, outcome, count() AS results, sum(ifNull(latency_ms, 0)) AS latency_ms_sum
FROM callback_results
GROUP BY app_id, day, partner, outcome;

-- Daily FX rates: units of the reporting currency for one unit of currency, per UTC day (latest write wins).
CREATE TABLE IF NOT EXISTS fx_rates (
    day Date,
    currency LowCardinality(String),
    rate Float64,
    updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (currency, day);

-- Media reports, per ad and day as the media report them; a re-pull of the same day replaces the row
-- (latest pulled_at wins; read with FINAL). spend_reporting: spend in the reporting currency at the day's rate.
CREATE TABLE IF NOT EXISTS media_reports (
    app_id LowCardinality(String),
    day Date,
    media LowCardinality(String),
    account_id String,
    campaign_id String,
    campaign_name String,
    adset_id String,
    ad_id String,
    ad_name String,
    currency LowCardinality(String),
    spend Decimal(18, 6),
    spend_reporting Decimal(18, 6),
    impressions UInt64,
    clicks UInt64,
    installs UInt64,
    conversions UInt64,
    pulled_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(pulled_at)
PARTITION BY toYYYYMM(day)
ORDER BY (app_id, day, media, account_id, ad_id);
