package io.adplatform.attribution.log;

import io.adplatform.attribution.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays a dead-lettered callback: back to PENDING, replay counter up, a task on the retry queue. The row stays locked
 * until the task is durably queued, so a failure leaves the dead letter as it was (and the caller gets a 5xx to retry).
 */
@Service
class ReplayService {

    private final CallbackLog log;
    private final ReplayQueue queue;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;

    ReplayService(CallbackLog log, ReplayQueue queue, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.log = log;
        this.queue = queue;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
    }

    CallbackEntry replay(long id) {
        Instant now = clock.instant();
        CallbackEntry before = tx.execute(status -> {
            CallbackStatus current = log.lockStatus(id)
                    .orElseThrow(() -> ApiProblem.notFound("no callback with id " + id));
            if (current != CallbackStatus.DEAD_LETTERED) {
                throw ApiProblem.conflict("callback " + id + " is " + current + "; only DEAD_LETTERED callbacks can be replayed");
            }
            CallbackEntry entry = log.find(id).orElseThrow();
            log.markReplayed(id, now);
            queue.enqueueReplay(id, entry.eventId(), entry.partner(), now);
            return entry;
        });
        meters.counter("attribution.callbacks.replays", "partner", before.partner().name().toLowerCase()).increment();
        return log.find(id).orElseThrow();
    }
}
