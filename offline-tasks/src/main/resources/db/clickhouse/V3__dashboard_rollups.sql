-- A coarser roll-up for the DSP dashboard (issue #5: every dashboard query p95 <= 300 ms at 50M events).
-- daily_dsp_stats keeps day x campaign x creative x exchange x country, so an unfiltered DSP dashboard summed thousands
-- of rows per campaign-day. This table keeps, per campaign-day, one row set per single filter dimension:
--   dim = ''          the whole campaign-day (no filter),
--   dim = 'country'   one row set per country (value), likewise 'exchange'.
-- (The same for products — per product-day rows of uniq states — was measured and left out: /products p95 went from
-- 1.7 to 1.3 s at 50M, still over the target, while its views cost the loader a third of its throughput.)
-- A request with no filter or a single one reads dim = '<it>' AND value IN (...); a request combining filters reads the
-- V1 roll-ups as before. Exact: sums stay sums, uniq states are merged (uniq's merge does not depend on grouping).
-- Each table is filled by a materialized view chained on the V1 roll-up (every block the V1 view writes is regrouped
-- here), and once, for what is already stored, by a backfill from the V1 roll-up itself (not the raw tables: raw BID
-- rows live 30 days, the roll-up 800). The backfill runs only into an empty table, before the view exists: V3 is
-- applied at the service's start, before its loader consumes; stop other loaders while V3 is applied (see
-- docs/services/offline-tasks-dashboards.md).

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
