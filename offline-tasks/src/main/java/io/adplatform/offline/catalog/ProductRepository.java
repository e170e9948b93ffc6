package io.adplatform.offline.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code products} table (MariaDB/MySQL), times in UTC. */
public class ProductRepository {

    private static final String COLUMNS = "app_id, name, platform, bundle_id, store_url, icon_url, category, status, "
            + "upstream_status, upstream_updated_at, missing_since, version, created_at, synced_at";
    private static final int CHUNK = 500;

    /** What a sync compares an upstream item with. */
    record Stored(String contentHash, boolean missing) {
    }

    private final JdbcClient jdbc;

    public ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Stored> stored(Collection<String> appIds) {
        Map<String, Stored> out = new HashMap<>();
        List<String> ids = new ArrayList<>(appIds);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            jdbc.sql("SELECT app_id, content_hash, missing_since FROM products WHERE app_id IN (:ids)")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
                    .query((rs, n) -> Map.entry(rs.getString(1), new Stored(rs.getString(2), rs.getObject(3) != null)))
                    .list().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Inserts a product seen for the first time; false if another writer inserted it meanwhile. */
    boolean insert(Product p, String hash, Instant now) {
        return jdbc.sql("INSERT IGNORE INTO products (" + COLUMNS + ", content_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?)")
                .params(p.appId(), p.name(), p.platform(), p.bundleId(), p.storeUrl(), p.iconUrl(), p.category(),
                        p.status(), p.status(), utc(p.updatedAt()), utc(now), utc(now), hash)
                .update() == 1;
    }

    /** Writes a changed (or returning) product: new content, version + 1, present again. */
    void update(Product p, String hash, Instant now) {
        jdbc.sql("UPDATE products SET name = ?, platform = ?, bundle_id = ?, store_url = ?, icon_url = ?, category = ?, "
                        + "status = ?, upstream_status = ?, upstream_updated_at = ?, missing_since = NULL, content_hash = ?, "
                        + "version = version + 1, synced_at = ? WHERE app_id = ?")
                .params(p.name(), p.platform(), p.bundleId(), p.storeUrl(), p.iconUrl(), p.category(), p.status(),
                        p.status(), utc(p.updatedAt()), hash, utc(now), p.appId())
                .update();
    }

    /** Products present until now that are not in {@code seen}. */
    List<String> presentNotIn(Set<String> seen) {
        return jdbc.sql("SELECT app_id FROM products WHERE missing_since IS NULL").query(String.class).list().stream()
                .filter(id -> !seen.contains(id)).toList();
    }

    /** Marks products missing upstream: ARCHIVED, never deleted. */
    int archiveMissing(List<String> appIds, Instant now) {
        int n = 0;
        for (int i = 0; i < appIds.size(); i += CHUNK) {
            n += jdbc.sql("UPDATE products SET status = 'ARCHIVED', missing_since = :now, version = version + 1, "
                            + "synced_at = :now WHERE missing_since IS NULL AND app_id IN (:ids)")
                    .param("now", utc(now)).param("ids", appIds.subList(i, Math.min(appIds.size(), i + CHUNK))).update();
        }
        return n;
    }

    public Optional<StoredProduct> find(String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE app_id = ?").param(appId)
                .query(ProductRepository::row).optional();
    }

    /** Products by app id; {@code status} null for all. */
    public List<StoredProduct> list(String status, int limit, int offset) {
        if (status == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM products ORDER BY app_id LIMIT ? OFFSET ?")
                    .params(limit, offset).query(ProductRepository::row).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE status = ? ORDER BY app_id LIMIT ? OFFSET ?")
                .params(status, limit, offset).query(ProductRepository::row).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM products").query(Long.class).single();
    }

    private static StoredProduct row(ResultSet rs, int n) throws SQLException {
        return new StoredProduct(rs.getString("app_id"), rs.getString("name"), rs.getString("platform"),
                rs.getString("bundle_id"), rs.getString("store_url"), rs.getString("icon_url"), rs.getString("category"),
                rs.getString("status"), rs.getString("upstream_status"), instant(rs, "upstream_updated_at"),
                instant(rs, "missing_since"), rs.getInt("version"), instant(rs, "created_at"), instant(rs, "synced_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
