-- Several admin-platform instances: a RUNNING batch is worked by one runner at a time, the one holding its lease.
-- The holder renews lease_until while it works; a runner that died leaves a lease that runs out, and another
-- instance's poller takes the batch over. Every write of the runner (objects' states, the batch's end) is made only
-- while the writer still holds the lease (adcreation.BatchLease).
ALTER TABLE ad_batches
  ADD COLUMN lease_owner VARCHAR(64) NULL AFTER status,
  ADD COLUMN lease_until DATETIME(3) NULL AFTER lease_owner,
  ADD KEY ix_ad_batches_lease (status, lease_until);

-- Connecting an account now reads it at the media with the token (Meta act_{id}, TikTok advertiser/info/): the
-- account's currency as the media answer it (budgets and bids of its templates are in its minor units).
ALTER TABLE ad_accounts
  ADD COLUMN currency VARCHAR(8) NULL AFTER name;
