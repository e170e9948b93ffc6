package io.adplatform.dplink.counting;

import io.adplatform.dplink.pool.Limits;
import io.adplatform.dplink.task.ReplacementTask;
import io.adplatform.dplink.task.TaskPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Raises one replacement task per ad round whose serving link is at its round's end or cap. Called by the click
 * counter with the totals a batch produced, and by the replacement worker right after it committed a new round: the
 * clicks that end the new round may all have been counted between its decision and its commit, and no later click
 * may come to raise it. The check is on the level, not the crossing, and the trigger key makes it once per round.
 */
@Component
public class TriggerRaiser {

    private static final Logger log = LoggerFactory.getLogger(TriggerRaiser.class);

    private final ClickStore store;
    private final AdLimitsCache limits;
    private final TaskPublisher tasks;
    private final CountingProperties properties;
    private final CountingMetrics metrics;
    private final Clock clock;

    TriggerRaiser(ClickStore store, AdLimitsCache limits, TaskPublisher tasks, CountingProperties properties,
                  CountingMetrics metrics, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.tasks = tasks;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** For a round just committed: raises its task if its link's count already passed the round's end. */
    public void raiseIfDue(ServingEntry serving) {
        raise(List.of(new CountedLink(serving.linkId(), store.count(serving.linkId()), serving)));
    }

    void raise(List<CountedLink> serving) {
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
}
