-- Media report rows carry the ad set's (TikTok: ad group's) name beside its id.
ALTER TABLE media_reports ADD COLUMN IF NOT EXISTS adset_name String AFTER adset_id;
