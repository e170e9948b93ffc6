package io.adplatform.dplink.ads;

import java.time.Instant;

/** A replacement task the DSP kept refusing, out of its partition's way until its next attempt. */
public record ParkedTask(String adId, long generation, String task, int attempts, String lastError, Instant parkedAt,
                         Instant nextAttemptAt) {
}
