package io.adplatform.ingestion.router;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Consume-transform-produce inside one Kafka transaction per batch (started by the container): the attribution
 * events and the consumed offsets commit together or not at all, so each SDK event yields exactly one attribution
 * event for read_committed consumers. Any failure (new-device-service down, Redis down, Kafka error) aborts the
 * transaction; the container seeks back and the batch is processed again after a back-off, indefinitely.
 */
class SdkEventsListener {

    private static final Logger log = LoggerFactory.getLogger(SdkEventsListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(SdkEventsListener.class);

    private final EventRouter router;
    private final KafkaTemplate<String, AttributionEvent> template;
    private final RouterMetrics metrics;

    SdkEventsListener(EventRouter router, KafkaTemplate<String, AttributionEvent> template, RouterMetrics metrics) {
        this.router = router;
        this.template = template;
        this.metrics = metrics;
    }

    // idIsGroup=false: the group comes from adplatform.ingestion.router.group-id (the consumer factory), not the id
    @KafkaListener(id = "ingestion-router", idIsGroup = false, topics = Topics.SDK_EVENTS,
            containerFactory = "routerContainerFactory")
    void onBatch(List<ConsumerRecord<String, SdkEvent>> records) {
        long start = System.nanoTime();
        List<SdkEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, SdkEvent> record : records) {
            if (isPoison(record)) {
                // skipped rather than retried: it would fail the same way forever and block the partition
                metrics.poison.increment();
                continue;
            }
            events.add(record.value());
        }
        if (events.isEmpty()) {
            return;
        }
        EventRouter.Routed routed = router.route(events);
        for (AttributionEvent event : routed.events()) {
            template.send(Topics.ATTRIBUTION_EVENTS, event.partitionKey(), event);
        }
        metrics.routed.increment(routed.events().size());
        metrics.newDevices.increment(routed.newDevices());
        metrics.batch.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static boolean isPoison(ConsumerRecord<String, SdkEvent> record) {
        SdkEvent e = record.value();
        if (e != null && e.eventId() != null && e.type() != null && e.appId() != null && e.platform() != null
                && e.device() != null) {
            return false;
        }
        Header error = record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
        log.error("skipping unreadable record {}-{}@{} ({}); it stays in the topic for inspection", record.topic(),
                record.partition(), record.offset(),
                error != null ? "not an SdkEvent: " + describe(record) : "missing required fields");
        return true;
    }

    private static String describe(ConsumerRecord<String, SdkEvent> record) {
        try {
            Exception ex = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            Throwable cause = ex == null ? null : ex.getCause() != null ? ex.getCause() : ex;
            return cause == null ? "deserialization failed" : cause.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "deserialization failed";
        }
    }
}
