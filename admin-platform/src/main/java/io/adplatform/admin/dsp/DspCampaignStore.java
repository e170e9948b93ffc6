package io.adplatform.admin.dsp;

import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.kafka.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code dsp_campaigns} table; a campaign is always looked up by (app id, id). */
@Repository
class DspCampaignStore {

    private static final String COLUMNS = "id, app_id, status, version, config, created_at, updated_at, published_version";

    private final JdbcClient jdbc;

    DspCampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DspCampaign> find(String appId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dsp_campaigns WHERE app_id = ? AND id = ?").params(appId, id)
                .query(DspCampaignStore::row).optional();
    }

    /** Locks the row for the rest of the transaction: changes of one campaign are made one after the other. */
    Optional<DspCampaign> lock(String appId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dsp_campaigns WHERE app_id = ? AND id = ? FOR UPDATE")
                .params(appId, id).query(DspCampaignStore::row).optional();
    }

    List<DspCampaign> ofProduct(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dsp_campaigns WHERE app_id = ? ORDER BY id").params(appId)
                .query(DspCampaignStore::row).list();
    }

    /** Every campaign, in id order, locked: a republish sees each at one version. */
    List<DspCampaign> lockAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dsp_campaigns ORDER BY id FOR UPDATE")
                .query(DspCampaignStore::row).list();
    }

    void insert(DspCampaign c) {
        jdbc.sql("""
                        INSERT INTO dsp_campaigns (id, app_id, name, status, version, published_version, config, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)""")
                .params(c.id(), c.appId(), c.config().name(), c.status().name(), c.version(), json(c.config()),
                        Timestamp.from(c.createdAt()), Timestamp.from(c.updatedAt()))
                .update();
    }

    /** Writes a new version; the row must hold the one before it (it is locked by {@link #lock}). */
    void update(DspCampaign c) {
        int n = jdbc.sql("""
                        UPDATE dsp_campaigns SET name = ?, status = ?, version = ?, config = ?, updated_at = ?
                        WHERE id = ? AND version = ?""")
                .params(c.config().name(), c.status().name(), c.version(), json(c.config()),
                        Timestamp.from(c.updatedAt()), c.id(), c.version() - 1)
                .update();
        if (n != 1) {
            throw new IllegalStateException("campaign " + c.id() + " is not at version " + (c.version() - 1));
        }
    }

    /** Kafka acknowledged {@code version} of the campaign. */
    void published(String id, long version) {
        jdbc.sql("UPDATE dsp_campaigns SET published_version = GREATEST(published_version, ?) WHERE id = ?")
                .params(version, id).update();
    }

    static String json(CampaignConfig config) {
        return EventJson.mapper().writeValueAsString(config);
    }

    private static DspCampaign row(ResultSet rs, int i) throws SQLException {
        return new DspCampaign(rs.getString(1), rs.getString(2), DspCampaign.State.valueOf(rs.getString(3)),
                rs.getLong(4), EventJson.mapper().readValue(rs.getString(5), CampaignConfig.class),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getLong(8));
    }
}
