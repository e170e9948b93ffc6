package io.adplatform.offline.support;

import io.adplatform.common.kafka.Topics;
import io.adplatform.fakes.PartnerFakes;
import io.adplatform.offline.OfflineTasksApplication;
import io.adplatform.offline.clickhouse.ClickHouse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against real parts: an embedded KRaft Kafka broker with every topic the loader reads, this run's
 * own MariaDB database, a real ClickHouse engine (chDB behind the HTTP interface) with this run's own database, and the
 * partners faked over real HTTP (every partner URL points at the fakes). One of each per test JVM; subclasses that need other settings add a
 * {@code @DynamicPropertySource} of their own (which makes a context of their own).
 */
@SpringBootTest(classes = OfflineTasksApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestBase {

    protected static final EmbeddedKafkaKraftBroker KAFKA;
    protected static final TestDatabase DB;
    protected static final String CLICKHOUSE_DATABASE;
    protected static final PartnerFakes FAKES;

    static {
        KAFKA = new EmbeddedKafkaKraftBroker(1, 3, Topics.SDK_EVENTS, Topics.ATTRIBUTION_EVENTS,
                Topics.CALLBACK_RESULTS, Topics.BID_EVENTS, Topics.TRACKING_CLICKS, Topics.CONFIG_CAMPAIGNS);
        KAFKA.brokerProperties(Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        KAFKA.afterPropertiesSet();
        DB = TestDatabase.create();
        CLICKHOUSE_DATABASE = ClickHouseTestServer.newDatabase();
        FAKES = PartnerFakes.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            FAKES.close();
            DB.drop();
            KAFKA.destroy();
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        r.add("spring.datasource.url", DB::url);
        r.add("adplatform.service-token", () -> Api.TOKEN);
        r.add("adplatform.clickhouse.url", ClickHouseTestServer::url);
        r.add("adplatform.clickhouse.database", () -> CLICKHOUSE_DATABASE);
        // Partners are the local fakes, whatever job runs.
        r.add("adplatform.catalog.base-url", FAKES::productCatalogBaseUrl);
        r.add("adplatform.reports.meta.base-url", FAKES::metaBaseUrl);
        r.add("adplatform.reports.tiktok.base-url", FAKES::tiktokBaseUrl);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected ClickHouse clickHouse;
    protected Api api;

    @BeforeEach
    void setUpApi() {
        api = new Api(port);
        FAKES.latency(java.time.Duration.ZERO);
    }
}
