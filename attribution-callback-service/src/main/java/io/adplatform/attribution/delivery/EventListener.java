package io.adplatform.attribution.delivery;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Consumes {@code attribution-events} in batches and hands each batch to the pipeline; commits only after the
 * pipeline returned (every effect durable). Records that are not readable events go to the dead-letter topic.
 */
@Component
class EventListener {

    static final String ID = "attribution-events";
    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    private final DeliveryPipeline pipeline;
    private final DeliveryPublisher publisher;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    EventListener(DeliveryPipeline pipeline, DeliveryPublisher publisher, DeliveryMetrics metrics, Clock clock) {
        this.pipeline = pipeline;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.ATTRIBUTION_EVENTS, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        List<AttributionEvent> events = new ArrayList<>(records.size());
        DeliveryPublisher.Batch unreadable = publisher.batch();
        for (ConsumerRecord<String, byte[]> r : records) {
            String problem = null;
            AttributionEvent event = null;
            try {
                event = r.value() == null ? null : EventJson.mapper().readValue(r.value(), AttributionEvent.class);
                problem = check(event);
            } catch (JacksonException e) {
                problem = "not an AttributionEvent: " + e.getOriginalMessage();
            }
            if (problem == null) {
                events.add(event);
            } else {
                metrics.event("unreadable");
                log.warn("unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), problem);
                unreadable.deadLetter(new DeadLetter(null, r.key(), null, null, null,
                        "unreadable record " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + problem,
                        null, null, null, clock.instant(), null,
                        r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        pipeline.onEvents(events);
        unreadable.await();
        ack.acknowledge();
    }

    static String check(AttributionEvent e) {
        if (e == null || e.event() == null) {
            return "no event";
        }
        var ev = e.event();
        if (ev.eventId() == null || ev.eventId().isBlank() || ev.eventId().length() > 64) {
            return "event.eventId missing or longer than 64";
        }
        if (ev.appId() == null || ev.appId().isBlank() || ev.appId().length() > 128) {
            return "event.appId missing or longer than 128";
        }
        if (ev.type() == null) {
            return "event.type missing";
        }
        if (ev.eventName() != null && ev.eventName().length() > 100) {
            return "event.eventName longer than 100";
        }
        return null;
    }
}
