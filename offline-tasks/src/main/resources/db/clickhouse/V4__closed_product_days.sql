-- Closed days for the product dashboards (issue #5: /products p95 <= 300 ms at 50M events).
-- Reading uniq states is what /products costs (each product-day's DAU state holds every active device and is rebuilt as a
-- hash table when read), so once a UTC day is over the close-product-days job writes its exact counts as plain numbers,
-- and the dashboards read those for closed days and the V1 states only for days not closed (today, or a day the job
-- has not reached). Per product-day and single filter dimension, as the dashboards filter:
--   dim = ''              the whole product-day (no filter),
--   dim = 'media_source' / 'campaign' / 'country'   one row per value.
-- Re-closing a day (late data) writes the same keys again with a later closed_at: ReplacingMergeTree keeps the newest
-- (read with FINAL). Amounts stay per currency (Map currency -> sum) so they convert at read time at the current rate,
-- exactly as the states' path does; payers_state keeps the day's payers as a uniq state (small: payers are a few % of
-- devices) because distinct payers over a whole range are not a sum of daily figures.
-- Sorting keys start with (dim, value, day) where day is the day of activity, the day a run closes: every close writes
-- a part of its own days, so parts do not overlap and FINAL has nothing to merge but the days closed again (measured at
-- 50M: FINAL over 200 products x 90 days of cohort cells took 750 ms keyed by product first, 41 ms keyed by day first).

-- The days the job has closed; a day's rows below are read only once its row is here (written after them).
CREATE TABLE IF NOT EXISTS closed_days (
    day Date,
    closed_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(closed_at)
ORDER BY day;

-- Activity per product-day: new devices, DAU, payers that day (and their state), payments, revenue per currency.
CREATE TABLE IF NOT EXISTS closed_product_days (
    app_id LowCardinality(String),
    dim LowCardinality(String),
    value String,
    day Date,
    new_devices UInt64,
    dau UInt64,
    payers UInt64,
    payers_state AggregateFunction(uniq, String),
    payments UInt64,
    revenue Map(LowCardinality(String), Decimal(38, 6)),
    closed_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(closed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (dim, value, day, app_id)
TTL day + INTERVAL 800 DAY;

-- Install cohorts: devices first seen on install_day and active days_since (0..7) days later, on day
-- (= install_day + days_since, the day of activity, the day paid: revenue per currency converts at it). A cell is
-- written when its day is closed.
CREATE TABLE IF NOT EXISTS closed_cohort_days (
    app_id LowCardinality(String),
    dim LowCardinality(String),
    value String,
    day Date,
    install_day Date,
    days_since UInt16,
    active UInt64,
    revenue Map(LowCardinality(String), Decimal(38, 6)),
    closed_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(closed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (dim, value, day, app_id, days_since)
TTL day + INTERVAL 800 DAY;
