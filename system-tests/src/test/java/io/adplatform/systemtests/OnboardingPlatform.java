package io.adplatform.systemtests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link RunningPlatform} (Kafka, partner fakes, new-device, ingestion, attribution-callback) plus what a product's
 * onboarding reaches: offline-tasks on a real ClickHouse engine (chDB) and admin-platform, each its own JVM from its
 * runnable jar, with this run's own MariaDB databases and Redis keys. admin-platform's onboarding and catalog point at
 * the real services; only the external systems (middle end, product catalog, media) are the fakes.
 */
final class OnboardingPlatform implements AutoCloseable {

    static final String MIDDLE_END_TOKEN = "system-test-middle-end-" + UUID.randomUUID();
    static final String CATALOG_TOKEN = "system-test-catalog-" + UUID.randomUUID();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String offlineDb = "st_offline_" + run;
    private final String adminDb = "st_admin_" + run;
    final RunningPlatform core;
    ClickHouseProcess clickHouse;
    ServiceProcess offlineTasks;
    ServiceProcess admin;

    OnboardingPlatform() {
        core = new RunningPlatform();
        core.fakes.middleEnd().registerToken(MIDDLE_END_TOKEN);
        core.fakes.productCatalog().registerToken(CATALOG_TOKEN);
    }

    /** Starts everything; on a failure stops what already runs (no JVM outlives the test) and rethrows. */
    OnboardingPlatform start() throws Exception {
        try {
            core.start();
            clickHouse = ClickHouseProcess.start();
            offlineTasks = new ServiceProcess("offline-tasks", offlineTasksProperties());
            offlineTasks.start();
            admin = new ServiceProcess("admin-platform", adminProperties());
            admin.start();
            return this;
        } catch (RuntimeException e) {
            try {
                close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private Map<String, String> offlineTasksProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("adplatform.service-token", RunningPlatform.SERVICE_TOKEN);
        p.put("spring.kafka.bootstrap-servers", core.kafka.getBrokersAsString());
        p.put("spring.datasource.url", RunningPlatform.jdbc(offlineDb) + "?createDatabaseIfNotExist=true");
        p.put("adplatform.clickhouse.url", clickHouse.url());
        p.put("adplatform.clickhouse.database", "st_" + run);
        // The loader (Kafka → ClickHouse) is not what onboarding reaches; off, it leaves the two cores to the rest.
        p.put("adplatform.loader.enabled", "false");
        p.put("adplatform.catalog.base-url", core.fakes.productCatalogBaseUrl());
        p.put("adplatform.catalog.token", CATALOG_TOKEN);
        // Only triggered runs: no scheduled pull starts in the middle of the test.
        p.put("adplatform.catalog.cron", "-");
        p.put("adplatform.reports.cron", "-");
        p.put("adplatform.reports.meta.base-url", core.fakes.metaBaseUrl());
        p.put("adplatform.reports.tiktok.base-url", core.fakes.tiktokBaseUrl());
        p.put("adplatform.scheduler.poll-interval", "200ms");
        return p;
    }

    private Map<String, String> adminProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("adplatform.service-token", RunningPlatform.SERVICE_TOKEN);
        p.put("spring.kafka.bootstrap-servers", core.kafka.getBrokersAsString());
        p.put("spring.datasource.url", RunningPlatform.jdbc(adminDb) + "?createDatabaseIfNotExist=true");
        // Under the run's prefix: RunningPlatform deletes the sessions with its own keys.
        p.put("adplatform.identity.session-namespace", core.redisPrefix() + "adm:session");
        p.put("adplatform.identity.bootstrap-email", "");
        p.put("adplatform.identity.bcrypt-strength", "4");
        p.put("adplatform.ads.storage.directory", Path.of("target", "admin-assets-" + run).toAbsolutePath().toString());
        p.put("adplatform.catalog.offline-tasks-url", offlineTasks.baseUrl());
        p.put("adplatform.catalog.scheduled", "false");
        p.put("adplatform.catalog.run-poll", "PT0.2S");
        p.put("adplatform.onboarding.ingestion-url", core.ingestion.baseUrl());
        p.put("adplatform.onboarding.attribution-url", core.attribution.baseUrl());
        p.put("adplatform.onboarding.new-device-url", core.newDevice.baseUrl());
        p.put("adplatform.onboarding.offline-tasks-url", offlineTasks.baseUrl());
        p.put("adplatform.onboarding.middle-end-url", core.fakes.middleEndBaseUrl());
        p.put("adplatform.onboarding.middle-end-token", MIDDLE_END_TOKEN);
        // Seconds instead of minutes: a failed attempt is retried within a second or two, well inside max-attempts.
        p.put("adplatform.onboarding.poll-interval", "PT0.2S");
        p.put("adplatform.onboarding.initial-backoff", "PT0.5S");
        p.put("adplatform.onboarding.max-backoff", "PT2S");
        p.put("adplatform.onboarding.max-attempts", "10");
        p.put("adplatform.onboarding.dashboard-poll", "PT0.3S");
        p.put("adplatform.onboarding.dashboard-job-timeout", "PT60S");
        return p;
    }

    @Override
    public void close() throws Exception {
        ClickHouseProcess engine = clickHouse;
        ServiceProcess offline = offlineTasks;
        ServiceProcess adminPlatform = admin;
        try (core; engine; offline; adminPlatform) {
            // stop admin-platform, then offline-tasks and its ClickHouse, then the core platform (Kafka last)
        } finally {
            dropDatabases();
        }
    }

    private void dropDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(RunningPlatform.jdbc(""), "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + offlineDb);
            statement.execute("DROP DATABASE IF EXISTS " + adminDb);
        }
    }
}
