package io.adplatform.attribution.rules;

import io.adplatform.common.event.Partner;

/** The rule engine's decision: send this event to {@code partner} as {@code partnerEventName}. */
public record Delivery(Partner partner, String partnerEventName, boolean includeRevenue) {
}
