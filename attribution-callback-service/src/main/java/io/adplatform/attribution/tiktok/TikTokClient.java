package io.adplatform.attribution.tiktok;

import io.adplatform.attribution.delivery.DeliveryRequest;
import io.adplatform.attribution.delivery.EventFacts;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.PartnerClient;
import io.adplatform.attribution.delivery.PartnerResilience;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.settings.TikTokSettings;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.HashedUserData;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.pii.PiiHashing;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok Events API 2.0 (partner-apis.md §3): {@code POST {base}/open_api/v1.3/event/track/}, header
 * {@code Access-Token}, {@code event_source=app}; TikTok answers HTTP 200 with a {@code code} that is 0 on success.
 */
@Component
public class TikTokClient implements PartnerClient {

    static final String PATH = "/open_api/v1.3/event/track/";
    static final int RATE_LIMITED = 40100;

    private final TikTokProperties properties;

    TikTokClient(TikTokProperties properties) {
        this.properties = properties;
    }

    @Override
    public Partner partner() {
        return Partner.TIKTOK;
    }

    @Override
    public PartnerResilience resilience() {
        return properties.resilience();
    }

    @Override
    public Prepared prepare(DeliveryRequest request) {
        TikTokSettings s = (TikTokSettings) request.settings();
        AttributionEvent routed = request.event();
        SdkEvent e = routed.event();
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("event_source", "app");
        root.put("event_source_id", s.eventSourceId());
        EventFacts.put(root, "test_event_code", s.testEventCode());
        ObjectNode event = root.putArray("data").addObject();
        event.put("event", request.partnerEventName());
        event.put("event_time", request.eventTime().getEpochSecond());
        event.put("event_id", e.eventId());
        ObjectNode user = event.putObject("user");
        HashedUserData hashed = e.user();
        if (hashed != null) {
            EventFacts.putArray(user, "email", hashed.emailSha256());
            // TikTok matches phones in E.164 (with "+") before hashing.
            EventFacts.putArray(user, "phone", hashed.phoneE164Sha256());
        }
        EventFacts.putArray(user, "external_id", PiiHashing.hashExternalId(e.customerUserId()));
        AttributionInfo attribution = routed.attribution() != null ? routed.attribution() : e.attribution();
        EventFacts.put(user, "ttclid", EventFacts.clickIdFrom(attribution, "tiktok"));
        EventFacts.put(user, "ip", e.ip());
        EventFacts.put(user, "user_agent", e.userAgent());
        EventFacts.put(user, "locale", EventFacts.property(e, "locale"));
        if (e.platform() == Platform.IOS && e.device() != null) {
            EventFacts.put(user, "idfa", EventFacts.normalised(e.device().idfa()));
            EventFacts.put(user, "idfv", EventFacts.normalised(e.device().idfv()));
            String att = EventFacts.property(e, "att_status");
            if (att != null) {
                user.put("att_status", attStatus(att));
            }
        }
        if (request.includeRevenue() && e.revenue() != null) {
            ObjectNode props = event.putObject("properties");
            props.put("currency", e.revenue().currency());
            props.put("value", e.revenue().amount());
        }
        ObjectNode app = event.putObject("app");
        app.put("app_id", s.appId() != null ? s.appId() : e.appId());
        EventFacts.put(app, "app_version", e.appVersion());
        URI uri = URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + PATH);
        return new Prepared.Call(uri, Map.of("Access-Token", s.accessToken(), "Content-Type", "application/json"),
                root.toString());
    }

    /** ATT status as TikTok names it, from the numeric (0–3) or named value an SDK reports. */
    static String attStatus(String raw) {
        return switch (raw.trim()) {
            case "0" -> "NOT_DETERMINED";
            case "1" -> "RESTRICTED";
            case "2" -> "DENIED";
            case "3" -> "AUTHORIZED";
            default -> raw.trim().toUpperCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public PartnerAnswer classify(int status, HttpHeaders headers, String body) {
        JsonNode json = parse(body);
        int code = json == null ? -1 : json.path("code").asInt(-1);
        String message = json == null ? (body == null ? "" : body.strip()) : json.path("message").asString("");
        String requestId = json == null ? "" : json.path("request_id").asString("");
        String detail = "TikTok " + (code >= 0 ? "code " + code : "HTTP " + status) + ": " + message
                + (requestId.isEmpty() ? "" : " (request_id " + requestId + ")");
        if (status / 100 == 2 && code == 0) {
            return PartnerAnswer.delivered(body);
        }
        // 40100 is TikTok's rate limit; 5xxxx codes are its internal errors, transient by nature.
        if (code == RATE_LIMITED || (code >= 50000 && code < 60000) || PartnerAnswer.retryableStatus(status)) {
            return PartnerAnswer.retry(detail, PartnerAnswer.retryAfterHeader(headers));
        }
        return PartnerAnswer.reject(detail);
    }

    /** {@code event_time} + 7 days (configurable). */
    @Override
    public Instant windowEnd(Instant eventTime) {
        return eventTime.plus(properties.window());
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
