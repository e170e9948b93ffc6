package io.adplatform.admin.products;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code products} table. */
@Repository
public class Products {

    private static final String COLUMNS = "app_id, name, platform, bundle_id, store_url, icon_url, category, "
            + "catalog_status, team_id, group_id, synced_at, added_at";

    private final JdbcClient jdbc;

    public Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> find(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE app_id = ?").params(appId)
                .query(Products::row).optional();
    }

    /** Locks the product's row for the rest of the transaction. */
    public Optional<Product> findForUpdate(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE app_id = ? FOR UPDATE").params(appId)
                .query(Products::row).optional();
    }

    /** The products a user holds VIEW_PRODUCT on, read through their access rows. */
    public List<Product> visibleTo(long userId, long viewBit) {
        return jdbc.sql("SELECT " + prefixed("p") + " FROM product_access a JOIN products p ON p.app_id = a.app_id "
                        + "WHERE a.user_id = ? AND (a.permissions & ?) <> 0 ORDER BY p.app_id")
                .params(userId, viewBit).query(Products::row).list();
    }

    public List<Product> inGroup(long groupId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE group_id = ? ORDER BY app_id").params(groupId)
                .query(Products::row).list();
    }

    /** Products no team has taken yet, and the team's own. */
    public List<Product> catalogFor(long teamId, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE team_id IS NULL OR team_id = ? "
                        + "ORDER BY app_id LIMIT ? OFFSET ?")
                .params(teamId, limit, offset).query(Products::row).list();
    }

    public void placeInGroup(String appId, Long teamId, Long groupId, Instant at) {
        jdbc.sql("UPDATE products SET team_id = ?, group_id = ?, added_at = ? WHERE app_id = ?")
                .params(teamId, groupId, at == null ? null : Timestamp.from(at), appId).update();
    }

    /**
     * Inserts or refreshes a product's catalog metadata; its place in the hierarchy is never touched by a sync.
     * Returns true when the row was inserted or changed.
     */
    public boolean upsertFromCatalog(String appId, String name, String platform, String bundleId, String storeUrl,
                                     String iconUrl, String category, String catalogStatus, Instant syncedAt) {
        int n = jdbc.sql("""
                        INSERT INTO products (app_id, name, platform, bundle_id, store_url, icon_url, category, catalog_status, synced_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE name = VALUES(name), platform = VALUES(platform),
                          bundle_id = VALUES(bundle_id), store_url = VALUES(store_url), icon_url = VALUES(icon_url),
                          category = VALUES(category), catalog_status = VALUES(catalog_status), synced_at = VALUES(synced_at)""")
                .params(appId, name, platform, bundleId, storeUrl, iconUrl, category, catalogStatus,
                        Timestamp.from(syncedAt)).update();
        return n > 0;
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static Product row(ResultSet rs, int i) throws SQLException {
        Timestamp added = rs.getTimestamp(12);
        long team = rs.getLong(9);
        boolean noTeam = rs.wasNull();
        long group = rs.getLong(10);
        boolean noGroup = rs.wasNull();
        return new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), noTeam ? null : team, noGroup ? null : group,
                rs.getTimestamp(11).toInstant(), added == null ? null : added.toInstant());
    }
}
