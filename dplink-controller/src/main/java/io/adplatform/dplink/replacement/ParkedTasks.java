package io.adplatform.dplink.replacement;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.ParkedTask;
import io.adplatform.dplink.dsp.DspException;
import io.adplatform.dplink.task.ReplacementTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tasks the DSP kept refusing are parked in the database, with the ad's alert set, so the partition moves on; they are
 * tried again on a schedule (30 s, doubling to 10 min) or at an operator's request, and leave the table once they
 * succeed or the ad has moved on.
 */
@Component
public class ParkedTasks {

    private static final Logger log = LoggerFactory.getLogger(ParkedTasks.class);

    private final AdRepository ads;
    private final ReplacementService service;
    private final ReplacementMetrics metrics;
    private final ReplacementProperties properties;
    private final Clock clock;

    ParkedTasks(AdRepository ads, ReplacementService service, ReplacementMetrics metrics,
                ReplacementProperties properties, Clock clock) {
        this.ads = ads;
        this.service = service;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether this task is parked and not due: its partition should not wait on it. */
    boolean waiting(ReplacementTask task) {
        return ads.parked(task.adId(), task.generation())
                .map(p -> p.nextAttemptAt().isAfter(clock.instant())).orElse(false);
    }

    void park(ReplacementTask task, DspException e) {
        Instant now = clock.instant();
        ParkedTask existing = ads.parked(task.adId(), task.generation()).orElse(null);
        int attempts = existing == null ? 1 : existing.attempts() + 1;
        Duration delay = backoff(attempts);
        ads.park(new ParkedTask(task.adId(), task.generation(), new String(EventJson.mapper().writeValueAsBytes(task),
                java.nio.charset.StandardCharsets.UTF_8), attempts, e.getMessage(),
                existing == null ? now : existing.parkedAt(), now.plus(delay)));
        ads.setAlert(task.adId(), "replacement parked after " + attempts + " attempt(s): " + e.getMessage(), now);
        metrics.parked(e.retryable() ? "retryable" : "refused");
        log.error("ALERT replacement of ad {} generation {} parked (attempt {}, next in {}): {}", task.adId(),
                task.generation(), attempts, delay, e.getMessage());
    }

    @Scheduled(fixedDelayString = "${adplatform.dplink.replacement.park-poll-interval:5s}")
    void retryDue() {
        for (ParkedTask p : ads.dueParkedTasks(clock.instant(), 20)) {
            ReplacementTask task = EventJson.mapper().readValue(p.task(), ReplacementTask.class);
            try {
                Outcome o = service.handle(task);
                ads.unpark(p.adId(), p.generation());
                ads.setAlert(p.adId(), null, clock.instant());
                log.info("parked replacement of ad {} generation {} done: {}", p.adId(), p.generation(), o);
            } catch (DspException e) {
                park(task, e);
            } catch (RuntimeException e) {
                log.warn("parked replacement of ad {} could not be retried now: {}", p.adId(), e.toString());
            }
        }
    }

    private Duration backoff(int attempts) {
        Duration d = properties.parkRetryInitial();
        for (int i = 1; i < attempts && d.compareTo(properties.parkRetryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(properties.parkRetryMax()) > 0 ? properties.parkRetryMax() : d;
    }
}
