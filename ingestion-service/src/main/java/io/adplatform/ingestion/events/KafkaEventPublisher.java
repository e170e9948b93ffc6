package io.adplatform.ingestion.events;

import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.Topics;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/** Produces to {@code sdk-events}, keyed by device so one device's events stay in order. */
final class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, SdkEvent> kafka;

    KafkaEventPublisher(KafkaTemplate<String, SdkEvent> kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<?> publish(SdkEvent event) {
        return kafka.send(Topics.SDK_EVENTS, event.partitionKey(), event);
    }
}
