package io.adplatform.attribution.log;

import io.adplatform.common.event.Partner;
import java.time.Instant;

/** Filters of the log search; all optional. {@code from} inclusive, {@code to} exclusive, on the entry's creation time. */
public record CallbackSearch(String productId, Partner partner, CallbackStatus status, String eventId, Instant from,
                             Instant to, int page, int size) {
}
