package io.adplatform.dplink.replacement;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.dplink.dsp.DspException;
import io.adplatform.dplink.task.ReplacementTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dplink-replacements} one task at a time and acknowledges it only once the DSP answered and the step
 * is committed — or once the task is parked. A failure of our own infrastructure (database, Redis) is not acknowledged:
 * the container retries the task with backoff; nothing is skipped.
 */
@Component
class ReplacementListener {

    private static final Logger log = LoggerFactory.getLogger(ReplacementListener.class);

    private final ReplacementService service;
    private final ParkedTasks parked;

    ReplacementListener(ReplacementService service, ParkedTasks parked) {
        this.service = service;
        this.parked = parked;
    }

    @KafkaListener(id = "dplink-replacer", idIsGroup = false, topics = ReplacementTask.TOPIC,
            containerFactory = "replacementListenerFactory")
    void onTask(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        ReplacementTask task;
        try {
            task = EventJson.mapper().readValue(record.value(), ReplacementTask.class);
        } catch (RuntimeException e) {
            log.error("unreadable replacement task at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            ack.acknowledge();
            return;
        }
        if (parked.waiting(task)) {
            ack.acknowledge();
            return;
        }
        try {
            service.handle(task);
        } catch (DspException e) {
            parked.park(task, e);
        }
        ack.acknowledge();
    }
}
