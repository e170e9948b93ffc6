package io.adplatform.attribution.delivery;

import io.adplatform.attribution.settings.PartnerSettings;
import io.adplatform.common.event.AttributionEvent;
import java.time.Instant;

/**
 * Everything a partner adapter needs to build one request.
 *
 * @param eventTime when the event happened, never later than now (device clocks run ahead; partners refuse the future)
 */
public record DeliveryRequest(AttributionEvent event, String partnerEventName, boolean includeRevenue,
                              PartnerSettings settings, Instant eventTime) {
}
