package io.adplatform.offline.scheduler;

import java.time.Instant;

/** A job's lease row: who holds it until when, and the last cron slot that was run. */
public record LeaseRow(String job, String owner, Instant leaseUntil, Instant lastSlot) {
}
