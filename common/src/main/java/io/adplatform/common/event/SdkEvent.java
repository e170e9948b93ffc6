package io.adplatform.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.adplatform.common.kafka.Topics;
import java.time.Instant;
import java.util.Map;

/**
 * The envelope of every event an app's SDK reports, as ingestion writes it to {@code sdk-events} after validation and
 * enrichment.
 *
 * @param eventId        unique, time-ordered (UUIDv7 recommended, see {@link EventIds}); the SDK sets it so a retried
 *                       request carries the same id
 * @param type           activation, login, payment or custom
 * @param eventName      the app's own name for custom events; null otherwise
 * @param appId          our app id (the product's id on the platform)
 * @param platform       iOS or Android
 * @param device         device identifiers
 * @param customerUserId the app's user id, if logged in
 * @param occurredAt     when it happened on the device
 * @param receivedAt     when ingestion accepted it
 * @param ip             client ip, resolved through the trusted proxies
 * @param userAgent      client user agent
 * @param country        ISO-3166 alpha-2, from the IP database; null when unknown
 * @param revenue        for payments: exact amount and currency
 * @param attribution    media source, campaign, ad set, ad, click id — when the SDK knows them
 * @param user           hashed user data
 * @param appVersion     the app's version name
 * @param properties     free-form string properties
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SdkEvent(
        String eventId,
        EventType type,
        String eventName,
        String appId,
        Platform platform,
        DeviceIds device,
        String customerUserId,
        Instant occurredAt,
        Instant receivedAt,
        String ip,
        String userAgent,
        String country,
        Money revenue,
        AttributionInfo attribution,
        HashedUserData user,
        String appVersion,
        Map<String, String> properties) {

    /** The Kafka key for {@code sdk-events} and {@code attribution-events}: keeps one device's events in order. */
    public String partitionKey() {
        return Topics.deviceKey(appId, DeviceKeys.primary(platform, device).map(DeviceIdentifier::value).orElse(eventId));
    }
}
