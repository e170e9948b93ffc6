package io.adplatform.ingestion.clicks;

import io.adplatform.common.event.ClickReport;
import java.util.concurrent.CompletableFuture;

/** Writes click reports to {@code tracking-clicks}; the future completes when the broker acknowledged the record. */
public interface ClickPublisher {

    CompletableFuture<?> publish(ClickReport click);
}
