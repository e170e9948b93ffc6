package io.adplatform.attribution.rules;

import io.adplatform.common.event.Partner;
import io.adplatform.common.kafka.EventJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Table {@code partner_rules}: a product's configured rule list per partner, as one JSON document. */
@Repository
class RuleRepository {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    RuleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<Partner, List<Rule>> findByProduct(String productId) {
        Map<Partner, List<Rule>> out = new EnumMap<>(Partner.class);
        jdbc.query("SELECT partner, rules FROM partner_rules WHERE product_id = ?", rs -> {
            out.put(Partner.valueOf(rs.getString(1)), EventJson.mapper().readValue(rs.getString(2), RULES));
        }, productId);
        return out;
    }

    void replace(String productId, Partner partner, List<Rule> rules, Instant now) {
        jdbc.update("INSERT INTO partner_rules (product_id, partner, rules, updated_at) VALUES (?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE rules = VALUES(rules), updated_at = VALUES(updated_at)",
                productId, partner.name(), EventJson.mapper().writeValueAsString(rules),
                LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    boolean delete(String productId, Partner partner) {
        return jdbc.update("DELETE FROM partner_rules WHERE product_id = ? AND partner = ?", productId,
                partner.name()) > 0;
    }
}
