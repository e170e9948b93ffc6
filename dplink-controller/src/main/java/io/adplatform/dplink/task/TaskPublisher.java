package io.adplatform.dplink.task;

import io.adplatform.common.kafka.EventJson;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Writes replacement tasks to {@code dplink-replacements}, keyed by ad; returns once Kafka has them (acks=all). */
@Component
public class TaskPublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    public TaskPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void publish(List<ReplacementTask> tasks) {
        CompletableFuture<?>[] sends = tasks.stream()
                .map(t -> kafka.send(ReplacementTask.TOPIC, t.adId(), EventJson.mapper().writeValueAsBytes(t)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
    }

    public void publish(ReplacementTask task) {
        publish(List.of(task));
    }
}
