package io.adplatform.attribution.appsflyer;

import io.adplatform.attribution.delivery.DeliveryRequest;
import io.adplatform.attribution.delivery.EventFacts;
import io.adplatform.attribution.delivery.PartnerAnswer;
import io.adplatform.attribution.delivery.PartnerClient;
import io.adplatform.attribution.delivery.PartnerResilience;
import io.adplatform.attribution.delivery.Prepared;
import io.adplatform.attribution.settings.AppsFlyerSettings;
import io.adplatform.common.event.HashedUserData;
import io.adplatform.common.event.Partner;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.kafka.EventJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * AppsFlyer S2S in-app events (partner-apis.md §1): {@code POST {base}/inappevent/{app_id}}, header
 * {@code authentication}, one event of at most 1 KB per request, revenue inside the {@code eventValue} string.
 */
@Component
public class AppsFlyerClient implements PartnerClient {

    static final int MAX_BODY_BYTES = 1024;
    static final Pattern IOS_APP = Pattern.compile("^id\\d+$");
    static final Pattern IOS_AF_ID = Pattern.compile("^\\d{13}-\\d{7}$");
    static final Pattern ANDROID_AF_ID = Pattern.compile("^\\d{13}-\\d{19}$");
    static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Optional fields dropped, in this order, when the body would exceed 1 KB. */
    static final List<String> DROPPABLE = List.of("app_version_name", "phone_number_hashed", "email_hashed",
            "customer_user_id", "oaid", "idfv");

    private final AppsFlyerProperties properties;

    AppsFlyerClient(AppsFlyerProperties properties) {
        this.properties = properties;
    }

    @Override
    public Partner partner() {
        return Partner.APPSFLYER;
    }

    @Override
    public PartnerResilience resilience() {
        return properties.resilience();
    }

    @Override
    public Prepared prepare(DeliveryRequest request) {
        AppsFlyerSettings s = (AppsFlyerSettings) request.settings();
        SdkEvent e = request.event().event();
        boolean ios = IOS_APP.matcher(s.appId()).matches();
        String afId = e.device() == null ? null : e.device().appsflyerId();
        if (afId == null || afId.isBlank()) {
            return new Prepared.Unsendable("no appsflyer_id: AppsFlyer S2S events need the device's AppsFlyer id");
        }
        Pattern format = ios ? IOS_AF_ID : ANDROID_AF_ID;
        if (!format.matcher(afId).matches()) {
            return new Prepared.Unsendable("appsflyer_id '" + afId + "' is not a valid " + (ios ? "iOS" : "Android")
                    + " AppsFlyer id (" + format.pattern() + ")");
        }
        String os = EventFacts.osVersion(e);
        if (ios && os == null) {
            return new Prepared.Unsendable("iOS event without OS version (properties.os_version or user agent): "
                    + "AppsFlyer requires os for iOS apps");
        }
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("appsflyer_id", afId);
        body.put("eventName", request.partnerEventName());
        body.put("eventValue", eventValue(request));
        body.put("eventTime", EVENT_TIME.format(request.eventTime()));
        if (request.includeRevenue() && e.revenue() != null) {
            body.put("eventCurrency", e.revenue().currency());
        }
        EventFacts.put(body, "customer_user_id", e.customerUserId());
        EventFacts.put(body, "ip", EventFacts.ipv4(e.ip()));
        if (e.device() != null) {
            if (ios) {
                EventFacts.put(body, "idfa", EventFacts.normalised(e.device().idfa()));
                EventFacts.put(body, "idfv", EventFacts.normalised(e.device().idfv()));
            } else {
                EventFacts.put(body, "advertising_id", EventFacts.normalised(e.device().gaid()));
                EventFacts.put(body, "oaid", EventFacts.normalised(e.device().oaid()));
            }
        }
        if (ios) {
            body.put("os", os);
            String att = EventFacts.property(e, "att_status", "att");
            if (att != null && att.matches("[0-3]")) {
                body.put("att", Integer.parseInt(att));
            }
        }
        EventFacts.put(body, "app_version_name", e.appVersion());
        HashedUserData user = e.user();
        if (user != null) {
            EventFacts.put(body, "email_hashed", user.emailSha256());
            EventFacts.put(body, "phone_number_hashed", user.phoneSha256());
        }
        String json = body.toString();
        for (String optional : DROPPABLE) {
            if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_BODY_BYTES) {
                break;
            }
            body.remove(optional);
            json = body.toString();
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return new Prepared.Unsendable("AppsFlyer body over 1 KB even without optional fields");
        }
        URI uri = URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + "/inappevent/"
                + URLEncoder.encode(s.appId(), StandardCharsets.UTF_8));
        return new Prepared.Call(uri, Map.of("authentication", s.s2sKey(), "Content-Type", "application/json"), json);
    }

    /** A string holding JSON, as AppsFlyer wants it: revenue and currency as plain decimal text, or "". */
    static String eventValue(DeliveryRequest request) {
        SdkEvent e = request.event().event();
        if (!request.includeRevenue() || e.revenue() == null) {
            return "";
        }
        ObjectNode value = EventJson.mapper().createObjectNode();
        value.put("af_revenue", e.revenue().plainAmount());
        value.put("af_currency", e.revenue().currency());
        return value.toString();
    }

    @Override
    public PartnerAnswer classify(int status, HttpHeaders headers, String body) {
        String text = body == null ? "" : body.strip();
        if (status / 100 == 2) {
            return PartnerAnswer.delivered(text);
        }
        String detail = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        if (PartnerAnswer.retryableStatus(status)) {
            return PartnerAnswer.retry(detail, PartnerAnswer.retryAfterHeader(headers));
        }
        return PartnerAnswer.reject(detail);
    }

    /** 02:00 UTC (configurable) of the day after the event's UTC date. */
    @Override
    public Instant windowEnd(Instant eventTime) {
        LocalDate day = LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.windowAfterMidnight());
    }
}
