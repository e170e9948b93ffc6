package io.adplatform.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.EventIds;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.ingestion.support.TestInfra;
import io.adplatform.ingestion.web.RequestRejected;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What happens when Kafka or Redis fail, with real clients against real (or really absent) servers: nothing is
 * answered "accepted" that Kafka did not acknowledge, and claims are released so the SDK's retry can succeed.
 */
class EventIntakeTest {

    static final String PREFIX = "test:ing:" + TestInfra.randomSuffix() + ":seen:";
    static LettuceConnectionFactory redisFactory;
    static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        redisFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        redisFactory.afterPropertiesSet();
        redisFactory.start();
        redis = new StringRedisTemplate(redisFactory);
    }

    @AfterAll
    static void cleanUp() {
        TestInfra.deleteKeys(redis, PREFIX);
        redisFactory.destroy();
    }

    final RedisDedupStore dedup = new RedisDedupStore(redis, PREFIX, Duration.ofDays(7), Duration.ofMinutes(2));

    static EventValidator.Result valid(String id) {
        SdkEvent e = new SdkEvent(id, EventType.LOGIN, null, "com.example.game", Platform.ANDROID,
                new DeviceIds(null, null, null, "38400000-8cf0-11bd-b23e-10b96e40000d", null, null), null,
                Instant.now(), Instant.now(), null, null, null, null, null, null, null, null);
        return new EventValidator.Result(id, e, List.of());
    }

    /** A real producer whose broker does not exist: every send fails after max.block.ms. */
    static EventPublisher unreachableKafka() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaEventPublisher(new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), JsonSerde.of(SdkEvent.class))));
    }

    @Test
    void eventsKafkaDidNotAcknowledgeAreRetriedAndTheirClaimsReleased() {
        EventIntake intake = new EventIntake(dedup, unreachableKafka(), Duration.ofSeconds(2));
        String a = EventIds.newId();
        String b = EventIds.newId();

        List<EventResult> results = intake.ingest("com.example.game", List.of(valid(a), valid(b)));

        assertThat(results).extracting(EventResult::status).containsOnly(EventResult.Status.RETRY);
        assertThat(results.get(0).errors()).containsExactly(EventIntake.NOT_WRITTEN);
        assertThat(redis.hasKey(dedup.key("com.example.game", a))).isFalse();
        assertThat(redis.hasKey(dedup.key("com.example.game", b))).isFalse();
    }

    @Test
    void claimsOfOtherRequestsAreRespected() {
        EventIntake intake = new EventIntake(dedup, unreachableKafka(), Duration.ofSeconds(1));
        String inFlight = EventIds.newId();
        String written = EventIds.newId();
        // another request holds one id; a third was written earlier
        assertThat(dedup.claim("com.example.game", List.of(inFlight, written), "other"))
                .containsOnly(DedupStore.Claim.CLAIMED);
        dedup.confirm("com.example.game", List.of(written), "other");

        List<EventResult> results = intake.ingest("com.example.game", List.of(valid(inFlight), valid(written)));

        assertThat(results.get(0).status()).isEqualTo(EventResult.Status.RETRY);
        assertThat(results.get(0).errors()).containsExactly(EventIntake.IN_FLIGHT);
        assertThat(results.get(1).status()).isEqualTo(EventResult.Status.DUPLICATE);
        // the other request's claim and the written mark are untouched
        assertThat(redis.opsForValue().get(dedup.key("com.example.game", inFlight))).isEqualTo("p:other");
        assertThat(redis.opsForValue().get(dedup.key("com.example.game", written))).isEqualTo("a");
        // and releasing with a wrong token deletes nothing
        dedup.release("com.example.game", List.of(inFlight, written), "someone-else");
        assertThat(redis.hasKey(dedup.key("com.example.game", inFlight))).isTrue();
    }

    @Test
    void redisDownMeans503AndNothingSent() {
        LettuceConnectionFactory down = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort()));
        down.afterPropertiesSet();
        down.start();
        try {
            EventIntake intake = new EventIntake(
                    new RedisDedupStore(new StringRedisTemplate(down), PREFIX, Duration.ofDays(7), Duration.ofMinutes(2)),
                    event -> {
                        throw new AssertionError("nothing may be sent without a dedup claim");
                    }, Duration.ofSeconds(1));

            assertThatThrownBy(() -> intake.ingest("com.example.game", List.of(valid(EventIds.newId()))))
                    .isInstanceOfSatisfying(RequestRejected.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).isEqualTo(1);
                    });
        } finally {
            down.destroy();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
