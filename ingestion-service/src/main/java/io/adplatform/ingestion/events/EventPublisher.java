package io.adplatform.ingestion.events;

import io.adplatform.common.event.SdkEvent;
import java.util.concurrent.CompletableFuture;

/** Writes accepted events to {@code sdk-events}; the future completes when the broker acknowledged the record. */
public interface EventPublisher {

    CompletableFuture<?> publish(SdkEvent event);
}
