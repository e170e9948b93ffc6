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
    protected static final String REDIS_PREFIX = "adm-test-" + UUID.randomUUID().toString().substring(0, 8);

    static {
        KAFKA = new EmbeddedKafkaKraftBroker(1, 3, Topics.CONFIG_CAMPAIGNS);
        KAFKA.brokerProperties(Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        KAFKA.afterPropertiesSet();
        DB = TestDatabase.create();
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
        r.add("adplatform.service-token", () -> Operators.SERVICE_TOKEN);
        r.add("adplatform.identity.session-namespace", () -> REDIS_PREFIX + ":session");
        r.add("adplatform.identity.bootstrap-email", () -> "");
        // bcrypt at its lowest cost: hundreds of sign-ins per test run stay fast; production keeps the default.
        r.add("adplatform.identity.bcrypt-strength", () -> "4");
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
