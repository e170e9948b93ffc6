package io.adplatform.attribution.support;

import io.adplatform.attribution.delivery.DeliveryTopics;
import io.adplatform.common.event.CallbackResult;
import io.adplatform.common.event.Partner;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Reads everything the service writes to {@code callback-results} and the dead-letter topic, for assertions. */
public final class ResultsCollector implements AutoCloseable {

    private final List<CallbackResult> results = new CopyOnWriteArrayList<>();
    private final List<JsonNode> deadLetters = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public ResultsCollector(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-results-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.CALLBACK_RESULTS, DeliveryTopics.DEAD_LETTER));
        thread = new Thread(this::run, "test-results-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.topic().equals(Topics.CALLBACK_RESULTS)) {
                        results.add(EventJson.mapper().readValue(r.value(), CallbackResult.class));
                    } else {
                        deadLetters.add(EventJson.mapper().readTree(r.value()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<CallbackResult> results(String eventId, Partner partner) {
        return results.stream().filter(r -> r.eventId().equals(eventId) && r.partner() == partner).toList();
    }

    public List<CallbackResult.Outcome> outcomes(String eventId, Partner partner) {
        return results(eventId, partner).stream().map(CallbackResult::outcome).toList();
    }

    public List<JsonNode> deadLetters(String eventId) {
        return deadLetters.stream().filter(d -> eventId.equals(d.path("eventId").asString(null))).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
