package io.adplatform.attribution.meta;

import io.adplatform.attribution.delivery.DeliveryRequest;
import io.adplatform.attribution.delivery.EventFacts;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.PartnerClient;
import io.adplatform.attribution.delivery.PartnerResilience;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.settings.MetaSettings;
import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.HashedUserData;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import io.adplatform.common.pii.PiiHashing;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta Conversions API (partner-apis.md §2): {@code POST {base}/{version}/{dataset_id}/events}, form fields
 * {@code data} (a JSON array, here of one event) and {@code access_token} — in the body, so the token never appears in
 * a URL or an access log. App events: {@code action_source=app} with {@code app_data}.
 */
@Component
public class MetaClient implements PartnerClient {

    /** Graph API throttling codes (partner-apis.md §4). */
    static boolean throttled(int code) {
        return code == 4 || code == 17 || code == 613 || (code >= 80000 && code <= 80014);
    }

    private final MetaProperties properties;

    MetaClient(MetaProperties properties) {
        this.properties = properties;
    }

    @Override
    public Partner partner() {
        return Partner.META;
    }

    @Override
    public PartnerResilience resilience() {
        return properties.resilience();
    }

    @Override
    public Prepared prepare(DeliveryRequest request) {
        MetaSettings s = (MetaSettings) request.settings();
        AttributionEvent routed = request.event();
        SdkEvent e = routed.event();
        boolean withRevenue = request.includeRevenue() && e.revenue() != null;
        if ("Purchase".equals(request.partnerEventName()) && !withRevenue) {
            return new Prepared.Unsendable("Meta requires custom_data.currency and value for Purchase; the event has "
                    + "no revenue or the rule does not include it");
        }
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("event_name", request.partnerEventName());
        event.put("event_time", request.eventTime().getEpochSecond());
        event.put("event_id", e.eventId());
        event.put("action_source", "app");
        ObjectNode user = event.putObject("user_data");
        HashedUserData hashed = e.user();
        if (hashed != null) {
            EventFacts.putArray(user, "em", hashed.emailSha256());
            EventFacts.putArray(user, "ph", hashed.phoneSha256());
        }
        EventFacts.putArray(user, "external_id", PiiHashing.hashExternalId(e.customerUserId()));
        EventFacts.put(user, "client_ip_address", e.ip());
        EventFacts.put(user, "client_user_agent", e.userAgent());
        String madid = EventFacts.advertisingId(e);
        EventFacts.put(user, "madid", madid);
        AttributionInfo attribution = routed.attribution() != null ? routed.attribution() : e.attribution();
        String fbclid = EventFacts.clickIdFrom(attribution, "facebook", "meta", "instagram");
        if (fbclid != null) {
            user.put("fbc", "fb.1." + request.eventTime().toEpochMilli() + "." + fbclid);
        }
        if (user.isEmpty()) {
            return new Prepared.Unsendable("no user data Meta can match on (no hashed e-mail/phone, user id, IP, "
                    + "user agent or advertising id)");
        }
        ObjectNode app = event.putObject("app_data");
        // Tracking is allowed when the device shared its advertising id (ATT authorised / limit-ad-tracking off).
        app.put("advertiser_tracking_enabled", madid != null ? 1 : 0);
        app.put("application_tracking_enabled", 1);
        ArrayNode extinfo = app.putArray("extinfo");
        extinfo.add(e.platform() == Platform.IOS ? "i2" : "a2");
        extinfo.add(nz(EventFacts.property(e, "bundle_id", "package_name", "bundleId", "packageName"), e.appId()));
        extinfo.add(nz(e.appVersion(), ""));
        extinfo.add(nz(EventFacts.property(e, "app_build", "build_version"), nz(e.appVersion(), "")));
        extinfo.add(nz(EventFacts.osVersion(e), ""));
        extinfo.add(nz(EventFacts.property(e, "device_model", "deviceModel"), ""));
        extinfo.add(nz(EventFacts.property(e, "locale"), ""));
        extinfo.add(nz(EventFacts.property(e, "timezone_abbreviation"), ""));
        extinfo.add(nz(EventFacts.property(e, "carrier"), ""));
        extinfo.add(nz(EventFacts.property(e, "screen_width"), ""));
        extinfo.add(nz(EventFacts.property(e, "screen_height"), ""));
        extinfo.add(nz(EventFacts.property(e, "screen_density"), ""));
        extinfo.add(nz(EventFacts.property(e, "cpu_cores"), ""));
        extinfo.add(nz(EventFacts.property(e, "storage_size_gb"), ""));
        extinfo.add(nz(EventFacts.property(e, "free_storage_gb"), ""));
        extinfo.add(nz(EventFacts.property(e, "timezone"), ""));
        if (withRevenue) {
            ObjectNode custom = event.putObject("custom_data");
            custom.put("currency", e.revenue().currency());
            custom.put("value", e.revenue().amount());
        }
        ArrayNode data = EventJson.mapper().createArrayNode();
        data.add(event);
        StringBuilder form = new StringBuilder()
                .append("data=").append(URLEncoder.encode(data.toString(), StandardCharsets.UTF_8))
                .append("&access_token=").append(URLEncoder.encode(s.accessToken(), StandardCharsets.UTF_8));
        if (s.testEventCode() != null) {
            form.append("&test_event_code=").append(URLEncoder.encode(s.testEventCode(), StandardCharsets.UTF_8));
        }
        URI uri = URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + "/" + properties.apiVersion() + "/"
                + URLEncoder.encode(s.datasetId(), StandardCharsets.UTF_8) + "/events");
        return new Prepared.Call(uri, Map.of("Content-Type", "application/x-www-form-urlencoded"), form.toString());
    }

    @Override
    public PartnerAnswer classify(int status, HttpHeaders headers, String body) {
        JsonNode json = parse(body);
        if (status / 100 == 2) {
            int received = json == null ? -1 : json.path("events_received").asInt(-1);
            if (received == 0) {
                return PartnerAnswer.reject("Meta received 0 events: " + body);
            }
            return PartnerAnswer.delivered(body);
        }
        JsonNode error = json == null ? null : json.get("error");
        if (error == null || !error.isObject()) {
            String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip());
            return PartnerAnswer.retryableStatus(status) ? PartnerAnswer.retry(detail, PartnerAnswer.retryAfterHeader(headers))
                    : PartnerAnswer.reject(detail);
        }
        int code = error.path("code").asInt(0);
        int subcode = error.path("error_subcode").asInt(0);
        boolean transientError = error.path("is_transient").asBoolean(false);
        StringBuilder detail = new StringBuilder("Meta error ").append(code);
        if (subcode != 0) {
            detail.append('/').append(subcode);
        }
        detail.append(": ").append(error.path("message").asString(""));
        String userMsg = error.path("error_user_msg").asString("");
        if (!userMsg.isEmpty()) {
            detail.append(" — ").append(userMsg);
        }
        String trace = error.path("fbtrace_id").asString("");
        if (!trace.isEmpty()) {
            detail.append(" (fbtrace_id ").append(trace).append(')');
        }
        if (transientError || throttled(code) || PartnerAnswer.retryableStatus(status)) {
            Duration wait = regainAccess(headers);
            return PartnerAnswer.retry(detail.toString(), wait != null ? wait : PartnerAnswer.retryAfterHeader(headers));
        }
        return PartnerAnswer.reject(detail.toString());
    }

    /** The longest {@code estimated_time_to_regain_access} (minutes) in Meta's usage headers, if any. */
    static Duration regainAccess(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        long minutes = 0;
        for (String name : new String[] {"X-Business-Use-Case-Usage", "X-Ad-Account-Usage", "X-App-Usage"}) {
            for (String value : headers.allValues(name)) {
                JsonNode usage = parse(value);
                if (usage != null) {
                    minutes = Math.max(minutes, maxRegain(usage));
                }
            }
        }
        return minutes > 0 ? Duration.ofMinutes(minutes) : null;
    }

    private static long maxRegain(JsonNode node) {
        long max = node.path("estimated_time_to_regain_access").asLong(0);
        for (JsonNode child : node) {
            if (child.isContainer()) {
                max = Math.max(max, maxRegain(child));
            }
        }
        return max;
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

    private static String nz(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
