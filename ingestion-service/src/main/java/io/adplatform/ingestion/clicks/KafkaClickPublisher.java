package io.adplatform.ingestion.clicks;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.Topics;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/** Produces to {@code tracking-clicks}, keyed by link id: the consumer counts per link, one partition per link. */
final class KafkaClickPublisher implements ClickPublisher {

    private final KafkaTemplate<String, ClickReport> kafka;

    KafkaClickPublisher(KafkaTemplate<String, ClickReport> kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<?> publish(ClickReport click) {
        return kafka.send(Topics.TRACKING_CLICKS, click.linkId(), click);
    }
}
