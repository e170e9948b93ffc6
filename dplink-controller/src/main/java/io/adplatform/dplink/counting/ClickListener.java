package io.adplatform.dplink.counting;

import io.adplatform.common.event.ClickReport;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.kafka.Topics;
import io.adplatform.dplink.pool.Limits;
import io.adplatform.dplink.task.ReplacementTask;
import io.adplatform.dplink.task.TaskPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectReader;

/**
 * Counts {@code tracking-clicks}: per poll, one Redis script per partition adds the clicks to their links (once, even
 * when Kafka delivers the batch again) and answers the totals of the links that serve. A serving link at its round's
 * end or cap raises one replacement task for its ad's current generation. The check is on the level, not the crossing:
 * a trigger missed (crash between counting and sending) is raised by the next click on that link.
 */
@Component
class ClickListener {

    private static final Logger log = LoggerFactory.getLogger(ClickListener.class);
    private static final ObjectReader READER = EventJson.mapper().readerFor(ClickReport.class);

    private final ClickStore store;
    private final AdLimitsCache limits;
    private final TaskPublisher tasks;
    private final CountingProperties properties;
    private final CountingMetrics metrics;
    private final Clock clock;

    ClickListener(ClickStore store, AdLimitsCache limits, TaskPublisher tasks,
                  CountingProperties properties, CountingMetrics metrics, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.tasks = tasks;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
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
            raiseTriggers(serving);
        }
    }

    private void raiseTriggers(List<CountedLink> serving) {
        Set<String> adIds = new HashSet<>();
        serving.forEach(c -> adIds.add(c.serving().adId()));
        Map<String, AdLimits> byAd = limits.get(adIds);
        List<ReplacementTask> raised = new ArrayList<>();
        for (CountedLink c : serving) {
            AdLimits l = byAd.get(c.serving().adId());
            Limits.Trigger trigger = l == null ? null : l.trigger(c.serving(), c.total());
            if (trigger == null || !store.claimTrigger(c.serving().adId(), c.serving().generation(), properties.triggerHold())) {
                continue;
            }
            raised.add(new ReplacementTask(ReplacementTask.Kind.REPLACE, c.serving().adId(), c.serving().generation(),
                    trigger.name(), c.linkId(), c.total(), clock.instant()));
        }
        if (raised.isEmpty()) {
            return;
        }
        try {
            tasks.publish(raised);
        } catch (RuntimeException e) {
            // Not raised after all: let the redelivered batch (or the next click) raise them again.
            raised.forEach(t -> store.releaseTrigger(t.adId(), t.generation()));
            throw e;
        }
        raised.forEach(t -> {
            metrics.raised(t.reason());
            log.debug("replacement raised for ad {} generation {}: link {} at {} ({})", t.adId(), t.generation(),
                    t.linkId(), t.count(), t.reason());
        });
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
