-- Coarser roll-ups for the dashboards API (issue #5: every dashboard query p95 <= 300 ms at 50M events).
-- The V1 roll-ups keep day x product x media source x campaign x country (and the DSP's creative x exchange x country),
-- so an unfiltered dashboard merged thousands of uniq states per product-day. These tables keep, per product-day (DSP:
-- per campaign-day), one row set per single filter dimension:
--   dim = ''              the whole product-day (no filter),
--   dim = 'media_source'  one row set per media source (value), likewise 'campaign' and 'country';
--   DSP: dim = '', 'country' or 'exchange'.
-- A request with no filter or a single one reads dim = '<it>' AND value IN (...); a request combining filters reads the
-- V1 roll-ups as before. Exact: sums stay sums, uniq states are merged (uniq's merge does not depend on grouping).
-- Each table is filled by a materialized view chained on the V1 roll-up (every block the V1 view writes is regrouped
-- here), and once, for what is already stored, by a backfill from the V1 roll-up itself (not the raw tables: raw BID
-- rows live 30 days, the roll-up 800). The backfill runs only into an empty table, before the view exists: V3 is
-- applied at the service's start, before its loader consumes; stop other loaders while V3 is applied (see
-- docs/services/offline-tasks-dashboards.md).

CREATE TABLE IF NOT EXISTS dashboard_product_days (
    app_id LowCardinality(String),
    dim LowCardinality(String),
    value String,
    day Date,
    currency LowCardinality(String),
    new_devices SimpleAggregateFunction(sum, UInt64),
    active_devices AggregateFunction(uniq, String),
    payers AggregateFunction(uniq, String),
    payments SimpleAggregateFunction(sum, UInt64),
    revenue SimpleAggregateFunction(sum, Decimal(38, 6))
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (app_id, dim, value, day, currency)
TTL day + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

INSERT INTO dashboard_product_days (app_id, dim, value, day, currency, new_devices, active_devices, payers, payments, revenue)
SELECT app_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, day, currency, sum(new_devices),
       uniqMergeState(active_devices), uniqMergeState(payers), sum(payments), sum(revenue)
FROM daily_product_stats
ARRAY JOIN [('', ''), ('media_source', toString(media_source)), ('campaign', campaign), ('country', toString(country))] AS d
WHERE (SELECT count() FROM dashboard_product_days) = 0
GROUP BY app_id, dim, value, day, currency;

CREATE MATERIALIZED VIEW IF NOT EXISTS dashboard_product_days_mv TO dashboard_product_days AS
SELECT app_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, day, currency,
       sum(new_devices) AS new_devices, uniqMergeState(active_devices) AS active_devices,
       uniqMergeState(payers) AS payers, sum(payments) AS payments, sum(revenue) AS revenue
FROM daily_product_stats
ARRAY JOIN [('', ''), ('media_source', toString(media_source)), ('campaign', campaign), ('country', toString(country))] AS d
GROUP BY app_id, dim, value, day, currency;

-- Install cohorts for the dashboards: days 0..7 after install only (D0/D1/D7 ROAS and D1/D7 retention).
CREATE TABLE IF NOT EXISTS dashboard_cohort_days (
    app_id LowCardinality(String),
    dim LowCardinality(String),
    value String,
    install_day Date,
    days_since UInt16,
    currency LowCardinality(String),
    active_devices AggregateFunction(uniq, String),
    revenue SimpleAggregateFunction(sum, Decimal(38, 6))
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(install_day)
ORDER BY (app_id, dim, value, install_day, days_since, currency)
TTL install_day + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

INSERT INTO dashboard_cohort_days (app_id, dim, value, install_day, days_since, currency, active_devices, revenue)
SELECT app_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, install_day, days_since, currency,
       uniqMergeState(active_devices), sum(revenue)
FROM daily_cohort_stats
ARRAY JOIN [('', ''), ('media_source', toString(media_source)), ('campaign', campaign), ('country', toString(country))] AS d
WHERE days_since <= 7 AND (SELECT count() FROM dashboard_cohort_days) = 0
GROUP BY app_id, dim, value, install_day, days_since, currency;

CREATE MATERIALIZED VIEW IF NOT EXISTS dashboard_cohort_days_mv TO dashboard_cohort_days AS
SELECT app_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, install_day, days_since, currency,
       uniqMergeState(active_devices) AS active_devices, sum(revenue) AS revenue
FROM daily_cohort_stats
ARRAY JOIN [('', ''), ('media_source', toString(media_source)), ('campaign', campaign), ('country', toString(country))] AS d
WHERE days_since <= 7
GROUP BY app_id, dim, value, install_day, days_since, currency;

-- The bidder per campaign-day: dim '' (no country/exchange filter), 'country' or 'exchange'.
CREATE TABLE IF NOT EXISTS dashboard_dsp_days (
    campaign_id String,
    dim LowCardinality(String),
    value String,
    day Date,
    currency LowCardinality(String),
    bids SimpleAggregateFunction(sum, UInt64),
    wins SimpleAggregateFunction(sum, UInt64),
    impressions SimpleAggregateFunction(sum, UInt64),
    clicks SimpleAggregateFunction(sum, UInt64),
    win_price_cpm_micros SimpleAggregateFunction(sum, Int64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (campaign_id, dim, value, day, currency)
TTL day + INTERVAL 800 DAY
SETTINGS non_replicated_deduplication_window = 10000;

INSERT INTO dashboard_dsp_days (campaign_id, dim, value, day, currency, bids, wins, impressions, clicks, win_price_cpm_micros)
SELECT campaign_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, day, currency, sum(bids), sum(wins),
       sum(impressions), sum(clicks), sum(win_price_cpm_micros)
FROM daily_dsp_stats
ARRAY JOIN [('', ''), ('country', toString(country)), ('exchange', toString(exchange))] AS d
WHERE (SELECT count() FROM dashboard_dsp_days) = 0
GROUP BY campaign_id, dim, value, day, currency;

CREATE MATERIALIZED VIEW IF NOT EXISTS dashboard_dsp_days_mv TO dashboard_dsp_days AS
SELECT campaign_id, tupleElement(d, 1) AS dim, tupleElement(d, 2) AS value, day, currency, sum(bids) AS bids,
       sum(wins) AS wins, sum(impressions) AS impressions, sum(clicks) AS clicks,
       sum(win_price_cpm_micros) AS win_price_cpm_micros
FROM daily_dsp_stats
ARRAY JOIN [('', ''), ('country', toString(country)), ('exchange', toString(exchange))] AS d
GROUP BY campaign_id, dim, value, day, currency;
