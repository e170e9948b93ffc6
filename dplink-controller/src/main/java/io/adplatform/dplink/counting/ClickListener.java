package io.adplatform.dplink.counting;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectReader;

/**
 * Counts {@code tracking-clicks}: per poll, one Redis script per partition adds the clicks to their links (once, even
 * when Kafka delivers the batch again) and answers the totals of the links that serve. A serving link at its round's
 * end or cap raises one replacement task for its ad's current generation ({@link TriggerRaiser}). The check is on the
 * level, not the crossing: a trigger missed (crash between counting and sending) is raised by the next click on that link.
 */
@Component
class ClickListener {

    private static final Logger log = LoggerFactory.getLogger(ClickListener.class);
    private static final ObjectReader READER = EventJson.mapper().readerFor(ClickReport.class);

    private final ClickStore store;
    private final TriggerRaiser triggers;
    private final CountingMetrics metrics;

    ClickListener(ClickStore store, TriggerRaiser triggers, CountingMetrics metrics) {
        this.store = store;
        this.triggers = triggers;
        this.metrics = metrics;
    }

    @KafkaListener(id = "dplink-counter", idIsGroup = false, topics = Topics.TRACKING_CLICKS,
            containerFactory = "clickListenerFactory")
    void onClicks(List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, List<Click>> byPartition = new HashMap<>();
        String topic = Topics.TRACKING_CLICKS;
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            topic = r.topic();
            Click click = parse(r);
            if (click == null) {
                unreadable++;
                continue;
            }
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(click);
        }
        metrics.unreadable(unreadable);
        List<CountedLink> serving = new ArrayList<>();
        for (Map.Entry<Integer, List<Click>> e : byPartition.entrySet()) {
            ClickStore.Counted counted = store.count(topic, e.getKey(), e.getValue());
            metrics.counted(e.getValue().size() - counted.duplicates() - counted.alreadyCounted(), counted.duplicates(),
                    counted.alreadyCounted());
            serving.addAll(counted.serving());
        }
        if (!serving.isEmpty()) {
            triggers.raise(serving);
        }
    }

    private Click parse(ConsumerRecord<String, byte[]> r) {
        try {
            ClickReport report = READER.readValue(r.value());
            long linkId = Long.parseLong(report.linkId());
            String source = report.source() == null ? "" : report.source();
            return new Click(r.offset(), linkId, source + ':' + report.clickId());
        } catch (RuntimeException e) {
            log.warn("unreadable click report at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return null;
        }
    }
}
