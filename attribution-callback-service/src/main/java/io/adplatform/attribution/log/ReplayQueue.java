package io.adplatform.attribution.log;

import io.adplatform.common.event.Partner;
import java.time.Instant;

/** Where a replayed callback is queued; implemented by the delivery pipeline's retry queue. */
public interface ReplayQueue {

    /** Queues the callback to be sent at {@code due}; durable when it returns, throws when it could not be queued. */
    void enqueueReplay(long callbackId, String eventId, Partner partner, Instant due);
}
