package io.adplatform.attribution.delivery;

import io.adplatform.common.event.Partner;
import java.net.http.HttpHeaders;
import java.time.Instant;

/**
 * What every partner adapter does, the prebid-server way: build the partner's request from our event, read the
 * partner's answer, and say how long the partner still takes an event. Sending, rate limiting, circuit breaking and
 * retries are the {@link PartnerGateway}'s and the pipeline's, the same for all partners.
 */
public interface PartnerClient {

    Partner partner();

    /** Rate limit, timeouts and circuit breaker settings from the partner's configuration. */
    PartnerResilience resilience();

    /** The partner's request for this event, or why the event can never go to this partner. Pure: no I/O. */
    Prepared prepare(DeliveryRequest request);

    /** Classifies the partner's answer (partner-apis.md §6). */
    PartnerAnswer classify(int httpStatus, HttpHeaders headers, String body);

    /** The last moment the partner still takes an event that happened at {@code eventTime}. */
    Instant windowEnd(Instant eventTime);
}
