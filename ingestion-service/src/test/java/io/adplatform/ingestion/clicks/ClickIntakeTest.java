package io.adplatform.ingestion.clicks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.JsonSerde;
import io.adplatform.ingestion.web.RequestRejected;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Nothing is answered 2xx that Kafka did not acknowledge, with a real producer against a really absent broker; and
 * what the operator's counters say for each outcome.
 */
class ClickIntakeTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ClickReportReader reader =
            new ClickReportReader(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5), Duration.ofDays(7), 1000, 4096);
    final List<ClickReport> published = new ArrayList<>();
    DefaultKafkaProducerFactory<String, ClickReport> unreachable;

    @AfterEach
    void close() {
        if (unreachable != null) {
            unreachable.destroy();
        }
    }

    ClickIntake intake(ClickPublisher publisher) {
        return new ClickIntake(reader, publisher, new ClickMetrics(meters), Duration.ofSeconds(2));
    }

    ClickPublisher acknowledging() {
        return click -> {
            published.add(click);
            return CompletableFuture.completedFuture(null);
        };
    }

    static byte[] batch(int n, String badLinkAt) {
        StringBuilder json = new StringBuilder("{\"clicks\":[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("""
                    {"source":"tiktok","adId":"ad-1","linkId":"%s","clickId":"c%d","clickedAt":"%s"}"""
                    .formatted(Integer.toString(i).equals(badLinkAt) ? "bad link" : "lnk-" + i, i, NOW.minusSeconds(40)));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    double count(String outcome, String reason) {
        var counter = meters.find("ingestion.clicks").tag("outcome", outcome).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void kafkaDownMeans503AndTheRequestDoesNotWaitOncePerClick() {
        // given a real producer whose broker does not exist: each send blocks max.block.ms for metadata, then fails
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.ACKS_CONFIG, "all");
        unreachable = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), JsonSerde.of(ClickReport.class));
        ClickIntake intake = intake(new KafkaClickPublisher(new KafkaTemplate<>(unreachable)));
        long start = System.nanoTime();

        // when a batch of 50 clicks comes in
        assertThatThrownBy(() -> intake.acceptBatch(batch(50, null)))
                // then
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.reason()).isEqualTo("not_written");
                    assertThat(e.retryAfterSeconds()).isEqualTo(1);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not 50 × max.block.ms").isLessThan(Duration.ofSeconds(3));
        assertThat(count("not_written", "kafka")).isEqualTo(50);
        assertThat(count("accepted", "none")).isZero();
    }

    @Test
    void oneUnacknowledgedClickMeans503ForTheWholeRequest() {
        ClickIntake intake = intake(click -> click.clickId().equals("c2")
                ? CompletableFuture.failedFuture(new org.apache.kafka.common.errors.NotEnoughReplicasException("isr"))
                : CompletableFuture.completedFuture(null));

        assertThatThrownBy(() -> intake.acceptBatch(batch(5, null)))
                .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(count("not_written", "kafka")).isEqualTo(5);
    }

    @Test
    void anAcknowledgementThatNeverComesMeans503AfterTheProduceTimeout() {
        ClickIntake intake = intake(click -> new CompletableFuture<>());
        long start = System.nanoTime();

        assertThatThrownBy(() -> intake.acceptQuery("src=tiktok&ad=a&link=l&cid=c", "198.51.100.9", null))
                .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(4));
    }

    @Test
    void invalidClicksAreCountedByFieldAndNothingIsPublished() {
        ClickIntake intake = intake(acknowledging());

        assertThatThrownBy(() -> intake.acceptBatch(batch(4, "2")))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("invalid_click");
                    assertThat(e.getMessage()).isEqualTo("1 of 4 clicks are invalid; nothing was written; see errors");
                    assertThat(e.errors()).extracting(p -> p.field()).containsExactly("clicks[2].linkId");
                });
        assertThatThrownBy(() -> intake.acceptQuery("src=tiktok&ad=a&link=l", "198.51.100.9", null))
                .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.errors()).extracting(p -> p.field())
                        .containsExactly("cid"));

        assertThat(published).isEmpty();
        assertThat(count("rejected", "linkId")).isEqualTo(1);
        assertThat(count("rejected", "batch")).isEqualTo(3);
        assertThat(count("rejected", "cid")).isEqualTo(1);
    }

    @Test
    void acceptedClicksAreCountedWithTheirReportDelay() {
        ClickIntake intake = intake(acknowledging());

        int accepted = intake.acceptBatch(batch(3, null));
        intake.acceptQuery("src=tiktok&ad=a&link=l&cid=c&ts=" + NOW.plusSeconds(60).getEpochSecond(), "198.51.100.9", null);

        assertThat(accepted).isEqualTo(3);
        assertThat(published).hasSize(4);
        assertThat(count("accepted", "none")).isEqualTo(4);
        var delay = meters.find("ingestion.click.report.delay").timer();
        assertThat(delay.count()).isEqualTo(4);
        assertThat(delay.max(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(40);
        assertThat(delay.totalTime(java.util.concurrent.TimeUnit.SECONDS)).as("a click from the future counts as 0")
                .isEqualTo(120);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
