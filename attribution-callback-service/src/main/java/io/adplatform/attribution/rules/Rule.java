package io.adplatform.attribution.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.SdkEvent;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One mapping of our events to a partner's event.
 *
 * @param eventType        which of our event types it matches
 * @param eventName        for {@code CUSTOM} events: the app's event name, matched exactly; null for other types
 * @param partnerEventName the name the partner receives (e.g. {@code af_purchase}, {@code Purchase}, {@code CompletePayment})
 * @param onlyNewDevices   match only events of devices the activation pool had not seen ({@code newDevice}), i.e. installs
 * @param includeRevenue   send the event's revenue (AppsFlyer {@code af_revenue} in eventValue, Meta/TikTok currency+value)
 * @param mediaSources     if not empty: match only events attributed to one of these media sources (case-insensitive;
 *                         {@code organic} for unattributed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rule(EventType eventType, String eventName, String partnerEventName, Boolean onlyNewDevices,
                   Boolean includeRevenue, Set<String> mediaSources) {

    /** Options left out of a request are off. */
    public Rule {
        onlyNewDevices = onlyNewDevices != null && onlyNewDevices;
        includeRevenue = includeRevenue != null && includeRevenue;
        mediaSources = mediaSources == null ? Set.of()
                : mediaSources.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static Rule of(EventType type, String partnerEventName) {
        return new Rule(type, null, partnerEventName, false, false, Set.of());
    }

    public boolean matches(AttributionEvent routed) {
        SdkEvent e = routed.event();
        if (e.type() != eventType) {
            return false;
        }
        if (eventType == EventType.CUSTOM && !eventName.equals(e.eventName())) {
            return false;
        }
        if (onlyNewDevices() && !routed.newDevice()) {
            return false;
        }
        if (!mediaSources.isEmpty()) {
            var attribution = routed.attribution() != null ? routed.attribution() : e.attribution();
            String source = attribution == null || attribution.isOrganic() ? "organic"
                    : attribution.mediaSource().trim().toLowerCase(Locale.ROOT);
            return mediaSources.contains(source);
        }
        return true;
    }

    /** The same trigger (what it matches), whatever it maps to: two rules with one trigger make no sense. */
    boolean sameTrigger(Rule other) {
        return eventType == other.eventType && java.util.Objects.equals(eventName, other.eventName)
                && onlyNewDevices.equals(other.onlyNewDevices) && mediaSources.equals(other.mediaSources);
    }
}
