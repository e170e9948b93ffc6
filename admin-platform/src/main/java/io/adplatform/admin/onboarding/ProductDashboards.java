package io.adplatform.admin.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code product_dashboards} table: a product's dashboards and the report its onboarding produced for each. */
@Repository
public class ProductDashboards {

    /** One dashboard of a product; {@code reportId} null until its first report is done. */
    public record Dashboard(String name, String path, String reportId, String report) {
    }

    private final JdbcClient jdbc;

    public ProductDashboards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Defines the dashboard (again): the path is refreshed, a report already stored is kept. */
    public void define(String appId, String name, String path, Instant now) {
        jdbc.sql("INSERT INTO product_dashboards (app_id, name, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE path = VALUES(path), updated_at = VALUES(updated_at)")
                .params(appId, name, path, Timestamp.from(now), Timestamp.from(now)).update();
    }

    public void storeReport(String appId, String name, String reportId, String report, Instant now) {
        String r = report == null ? null : report.length() > 1000 ? report.substring(0, 999) + "…" : report;
        jdbc.sql("UPDATE product_dashboards SET report_id = ?, report = ?, updated_at = ? WHERE app_id = ? AND name = ?")
                .params(reportId, r, Timestamp.from(now), appId, name).update();
    }

    public List<Dashboard> of(String appId) {
        return jdbc.sql("SELECT name, path, report_id, report FROM product_dashboards WHERE app_id = ? ORDER BY name")
                .params(appId).query((rs, i) -> new Dashboard(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }
}
