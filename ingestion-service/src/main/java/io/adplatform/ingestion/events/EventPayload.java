package io.adplatform.ingestion.events;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One event as an SDK sends it to {@code POST /v1/events} — the API's own shape, turned into common's
 * {@link io.adplatform.common.event.SdkEvent} after validation, hashing and enrichment. See docs/sdk-integration.md.
 */
@Schema(description = "One SDK event")
public record EventPayload(
        @Schema(description = "UUID made by the SDK (v7 recommended); a retry sends the same id", requiredMode = Schema.RequiredMode.REQUIRED)
        String eventId,
        @Schema(description = "activation, login, payment or custom", requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "the app's own name; required for custom events only")
        String eventName,
        @Schema(description = "ios or android; defaults to the app's platform and must match it")
        String platform,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        Device device,
        String customerUserId,
        @Schema(description = "ISO-8601 with offset, e.g. 2026-11-20T10:15:30.123Z", requiredMode = Schema.RequiredMode.REQUIRED)
        String occurredAt,
        @Schema(description = "required for payment events")
        Revenue revenue,
        Attribution attribution,
        @Schema(description = "in the clear or SHA-256 hex of the trimmed lower-cased address; hashed at ingestion, never stored raw")
        String email,
        @Schema(description = "in the clear (with country code) or SHA-256 hex of its digits; hashed at ingestion, never stored raw")
        String phone,
        String appVersion,
        @Schema(description = "free-form string properties")
        Map<String, String> properties,
        @Schema(description = "defaults to the request's User-Agent header")
        String userAgent) {

    public record Device(String appsflyerId, String idfa, String idfv, @JsonAlias("advertising_id") String gaid,
                         String oaid, String androidId) {
    }

    public record Revenue(
            @Schema(description = "decimal text or JSON number, kept exact (at most 6 decimals)", type = "string", example = "9.99")
            BigDecimal amount,
            @Schema(description = "ISO-4217", example = "EUR") String currency) {
    }

    public record Attribution(String mediaSource, String campaign, String adSet, String ad, String clickId) {
    }

    /** The batch form of the body; a single event object is accepted too. */
    @Schema(description = "A batch of events")
    public record Batch(List<EventPayload> events) {
    }
}
