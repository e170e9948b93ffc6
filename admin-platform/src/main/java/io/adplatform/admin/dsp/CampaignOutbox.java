package io.adplatform.admin.dsp;

import io.adplatform.common.dsp.CampaignConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code dsp_campaign_outbox} table: one row per record owed to {@code config.campaigns}, written in the
 * transaction of the change it publishes, so a committed change always has its record and a rolled-back one never.
 */
@Repository
class CampaignOutbox {

    /** One record owed to the topic; {@code payload} null is a tombstone. */
    record Entry(long id, String campaignId, long version, String payload) {
    }

    private final JdbcClient jdbc;

    CampaignOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Owes the topic this version of the campaign: its config, or a tombstone when {@code config} is null. */
    void append(String campaignId, long version, CampaignConfig config, Instant now) {
        jdbc.sql("INSERT INTO dsp_campaign_outbox (campaign_id, version, payload, created_at) VALUES (?, ?, ?, ?)")
                .params(campaignId, version, config == null ? null : DspCampaignStore.json(config),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Takes the publishers' lock for the rest of the transaction: one sender at a time across instances, so one
     * campaign's records reach Kafka in the order they were written.
     */
    void lockSending() {
        jdbc.sql("SELECT id FROM dsp_outbox_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    List<Entry> unsent(int limit) {
        return jdbc.sql("SELECT id, campaign_id, version, payload FROM dsp_campaign_outbox WHERE sent_at IS NULL "
                        + "ORDER BY id LIMIT ?")
                .params(limit)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list();
    }

    void markSent(List<Long> ids, Instant now) {
        for (Long id : ids) {
            jdbc.sql("UPDATE dsp_campaign_outbox SET sent_at = ? WHERE id = ?").params(Timestamp.from(now), id)
                    .update();
        }
    }

    long unsentCount() {
        return jdbc.sql("SELECT COUNT(*) FROM dsp_campaign_outbox WHERE sent_at IS NULL").query(Long.class).single();
    }

    Instant oldestUnsent() {
        List<Timestamp> t = jdbc.sql("SELECT MIN(created_at) FROM dsp_campaign_outbox WHERE sent_at IS NULL")
                .query(Timestamp.class).list();
        return t.isEmpty() || t.get(0) == null ? null : t.get(0).toInstant();
    }

    /** Forgets records sent before {@code before}, a bounded number at a time. */
    int prune(Instant before, int limit) {
        return jdbc.sql("DELETE FROM dsp_campaign_outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT ?")
                .params(Timestamp.from(before), limit).update();
    }
}
