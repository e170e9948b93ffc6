package io.adplatform.attribution.delivery;

import io.adplatform.attribution.log.ReplayQueue;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.Partner;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Writes the pipeline's records — outcomes to {@code callback-results}, dead letters, retry tasks to their tier — and
 * waits until Kafka has them, so an input offset is committed only after everything it caused is durable.
 */
@Component
public class DeliveryPublisher implements ReplayQueue {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final MeterRegistry meters;

    DeliveryPublisher(KafkaTemplate<String, byte[]> kafka, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.clock = clock;
        this.meters = meters;
    }

    /** Records of one batch: sent as they are added, awaited together. */
    public final class Batch {

        private final List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();

        public void result(CallbackResult result) {
            sends.add(kafka.send(Topics.CALLBACK_RESULTS, result.eventId(), json(result)));
        }

        public void deadLetter(DeadLetter letter) {
            sends.add(kafka.send(DeliveryTopics.DEAD_LETTER, letter.eventId(), json(letter)));
        }

        public void task(DeliveryTask task) {
            sends.add(sendTask(task));
        }

        /** Blocks until Kafka acknowledged every record; throws if any failed. */
        public void await() {
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the batch's records", e);
            }
        }
    }

    public Batch batch() {
        return new Batch();
    }

    @Override
    public void enqueueReplay(long callbackId, String eventId, Partner partner, Instant due) {
        try {
            sendTask(new DeliveryTask(callbackId, eventId, partner, due, DeliveryTask.Kind.REPLAY, 0))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing the replay", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not queue the replay", e);
        }
    }

    private CompletableFuture<SendResult<String, byte[]>> sendTask(DeliveryTask task) {
        Duration delay = Duration.between(clock.instant(), task.dueAt());
        DeliveryTopics.Tier tier = DeliveryTopics.tierFor(delay.isNegative() ? Duration.ZERO : delay);
        meters.counter("attribution.retry.tasks", "tier", tier.topic(), "kind",
                task.kind().name().toLowerCase(Locale.ROOT)).increment();
        return kafka.send(tier.topic(), task.eventId(), json(task));
    }

    private static byte[] json(Object value) {
        return EventJson.mapper().writeValueAsBytes(value);
    }
}
