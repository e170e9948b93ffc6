package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import io.adplatform.common.kafka.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Table {@code partner_settings}: one row per product and partner, secret sealed by {@link SecretCipher}. */
@Repository
class SettingsRepository {

    record Row(String productId, Partner partner, boolean enabled, Map<String, String> config, byte[] secret,
               Instant createdAt, Instant updatedAt) {
    }

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    SettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> findByProduct(String productId) {
        return jdbc.query("SELECT product_id, partner, enabled, config, secret_ciphertext, created_at, updated_at "
                + "FROM partner_settings WHERE product_id = ? ORDER BY partner", SettingsRepository::map, productId);
    }

    Optional<Row> find(String productId, Partner partner) {
        return jdbc.query("SELECT product_id, partner, enabled, config, secret_ciphertext, created_at, updated_at "
                        + "FROM partner_settings WHERE product_id = ? AND partner = ?", SettingsRepository::map,
                productId, partner.name()).stream().findFirst();
    }

    void upsert(Row row) {
        jdbc.update("INSERT INTO partner_settings (product_id, partner, enabled, config, secret_ciphertext, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), "
                        + "config = VALUES(config), secret_ciphertext = VALUES(secret_ciphertext), "
                        + "updated_at = VALUES(updated_at)",
                row.productId(), row.partner().name(), row.enabled(), EventJson.mapper().writeValueAsString(row.config()),
                row.secret(), utc(row.createdAt()), utc(row.updatedAt()));
    }

    boolean delete(String productId, Partner partner) {
        return jdbc.update("DELETE FROM partner_settings WHERE product_id = ? AND partner = ?", productId,
                partner.name()) > 0;
    }

    private static Row map(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString(1), Partner.valueOf(rs.getString(2)), rs.getBoolean(3),
                EventJson.mapper().readValue(rs.getString(4), MAP), rs.getBytes(5),
                rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
