package io.adplatform.admin.support;

import io.adplatform.admin.AdminPlatformApplication;
import io.adplatform.common.kafka.Topics;
import io.adplatform.fakes.PartnerFakes;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against real parts: an embedded KRaft Kafka broker, this run's own MariaDB database, the machine's
 * Redis under this run's own key prefix, and the partners faked over real HTTP. One of each per test JVM, one Spring
 * context for every subclass that adds no properties of its own.
 */
@SpringBootTest(classes = AdminPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestBase {

    protected static final EmbeddedKafkaKraftBroker KAFKA;
    protected static final TestDatabase DB;
    protected static final PartnerFakes FAKES;
    /** Stand-ins for our peer services (ingestion, attribution-callback, new-device, offline-tasks): onboarding, catalog. */
    protected static final io.adplatform.admin.onboarding.PeerStandIns PEERS;
    protected static final String REDIS_PREFIX = "adm-test-" + UUID.randomUUID().toString().substring(0, 8);
    /** Where DP-link tests start the real dplink-controller (admin.dplink); nothing listens there otherwise. */
    protected static final int DPLINK_PORT = freePort();

    static {
        KAFKA = new EmbeddedKafkaKraftBroker(1, 3, Topics.CONFIG_CAMPAIGNS);
        KAFKA.brokerProperties(Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        KAFKA.afterPropertiesSet();
        DB = TestDatabase.create();
        FAKES = PartnerFakes.start();
        PEERS = io.adplatform.admin.onboarding.PeerStandIns.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PEERS.close();
            FAKES.close();
            DB.drop();
            KAFKA.destroy();
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        r.add("spring.datasource.url", DB::url);
        r.add("adplatform.service-token", () -> Operators.SERVICE_TOKEN);
        r.add("adplatform.identity.session-namespace", () -> REDIS_PREFIX + ":session");
        r.add("adplatform.access.changes-channel", () -> REDIS_PREFIX + ":access-changes");
        r.add("adplatform.identity.bootstrap-email", () -> "");
        // bcrypt at its lowest cost: hundreds of sign-ins per test run stay fast; production keeps the default.
        r.add("adplatform.identity.bcrypt-strength", () -> "4");
        r.add("adplatform.dplink.base-url", () -> "http://127.0.0.1:" + DPLINK_PORT + "/internal/v1/dplink");
        // Onboarding and catalog: tests drive their own workers and syncs, against the stand-ins and the fakes.
        r.add("adplatform.onboarding.worker-enabled", () -> "false");
        r.add("adplatform.onboarding.ingestion-url", PEERS::ingestionUrl);
        r.add("adplatform.onboarding.attribution-url", PEERS::attributionUrl);
        r.add("adplatform.onboarding.new-device-url", PEERS::newDeviceUrl);
        r.add("adplatform.onboarding.offline-tasks-url", PEERS::offlineTasksUrl);
        r.add("adplatform.onboarding.middle-end-url", FAKES::middleEndBaseUrl);
        r.add("adplatform.onboarding.middle-end-token", () -> "test-middle-end-token");
        r.add("adplatform.onboarding.max-attempts", () -> "3");
        r.add("adplatform.onboarding.dashboard-job-timeout", () -> "PT10S");
        r.add("adplatform.onboarding.dashboard-poll", () -> "PT0.02S");
        r.add("adplatform.catalog.offline-tasks-url", PEERS::offlineTasksUrl);
        r.add("adplatform.catalog.scheduled", () -> "false");
        r.add("adplatform.catalog.run-poll", () -> "PT0.02S");
        r.add("adplatform.catalog.page-size", () -> "2");
        // Ad creation against the Marketing API fakes, with waits in milliseconds instead of minutes.
        r.add("adplatform.ads.meta.base-url", FAKES::metaBaseUrl);
        r.add("adplatform.ads.tiktok.base-url", FAKES::tiktokBaseUrl);
        r.add("adplatform.ads.meta.regain-access-unit", () -> "200ms");
        r.add("adplatform.ads.meta.throttle-min-wait", () -> "100ms");
        r.add("adplatform.ads.tiktok.throttle-wait", () -> "200ms");
        r.add("adplatform.ads.runner.backoff-initial", () -> "50ms");
        r.add("adplatform.ads.runner.backoff-max", () -> "500ms");
        // The batch poller would take batches the lease tests hand between their own runners: they call it themselves.
        r.add("adplatform.ads.runner.poll-interval", () -> "PT1H");
        r.add("adplatform.ads.storage.directory", () -> System.getProperty("java.io.tmpdir") + "/adm-test-assets-"
                + REDIS_PREFIX);
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    protected int port;
    protected Operators operators;

    @BeforeEach
    void setUpOperators() {
        operators = new Operators(port);
        FAKES.latency(java.time.Duration.ZERO);
    }
}
