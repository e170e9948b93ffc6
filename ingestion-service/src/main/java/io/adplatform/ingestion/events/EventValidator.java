package io.adplatform.ingestion.events;

import io.adplatform.common.event.AttributionInfo;
import io.adplatform.common.event.DeviceIds;
import io.adplatform.common.event.DeviceKeys;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.HashedUserData;
import io.adplatform.common.event.Money;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import io.adplatform.common.pii.PiiHashing;
import io.adplatform.ingestion.web.FieldProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks one SDK event and turns it into the {@link SdkEvent} that goes to Kafka: personal data hashed (the raw
 * values go no further), enrichment from the request attached. Every problem is reported, not only the first, so an
 * SDK developer fixes them in one round.
 */
public final class EventValidator {

    static final int MAX_ID = 128;
    static final int MAX_TEXT = 256;
    static final int MAX_EVENT_NAME = 100;
    static final int MAX_APP_VERSION = 64;
    static final int MAX_USER_AGENT = 512;
    static final int MAX_PROPERTIES = 50;
    static final int MAX_PROPERTY_KEY = 64;
    static final int MAX_PROPERTY_VALUE = 1024;
    /** Far above any real purchase, far below what would overflow a partner's field. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");


    private final Clock clock;
    private final Duration maxFutureSkew;
    private final Duration maxAge;

    public EventValidator(Clock clock, Duration maxFutureSkew, Duration maxAge) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
    }

    /** The outcome for one event: either {@code event} or {@code errors} is set. */
    public record Result(String eventId, SdkEvent event, List<FieldProblem> errors) {

        public boolean valid() {
            return event != null;
        }
    }

    public Result validate(JsonNode node, RequestContext ctx) {
        if (node == null || !node.isObject()) {
            return refused(null, FieldProblem.of("", "an event must be a JSON object"));
        }
        List<FieldProblem> typeErrors = new ArrayList<>(0);
        EventPayload p = EventPayloadReader.read(node, typeErrors);
        if (!typeErrors.isEmpty()) {
            String id = p.eventId() == null ? null : p.eventId().trim();
            return new Result(id != null && Syntax.isUuid(id) ? id.toLowerCase(Locale.ROOT) : id, null,
                    List.copyOf(typeErrors));
        }
        return validate(p, ctx);
    }

    Result validate(EventPayload p, RequestContext ctx) {
        List<FieldProblem> errors = new ArrayList<>();

        String eventId = trim(p.eventId());
        if (eventId == null) {
            errors.add(FieldProblem.of("eventId", "required"));
        } else if (!Syntax.isUuid(eventId)) {
            errors.add(FieldProblem.of("eventId", "must be a UUID (v7 recommended)"));
        } else {
            eventId = eventId.toLowerCase(Locale.ROOT);
        }

        EventType type = null;
        String typeText = trim(p.type());
        if (typeText == null) {
            errors.add(FieldProblem.of("type", "required: activation, login, payment or custom"));
        } else {
            try {
                type = EventType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldProblem.of("type", "unknown type; one of activation, login, payment, custom"));
            }
        }

        String eventName = trim(p.eventName());
        if (type == EventType.CUSTOM) {
            if (eventName == null) {
                errors.add(FieldProblem.of("eventName", "required for custom events"));
            } else if (eventName.length() > MAX_EVENT_NAME || !Syntax.isToken(eventName, true)) {
                errors.add(FieldProblem.of("eventName",
                        "1-" + MAX_EVENT_NAME + " characters of letters, digits, space and _ . : -"));
            }
        } else if (eventName != null && type != null) {
            errors.add(FieldProblem.of("eventName", "only custom events have a name"));
        }

        Platform platform = ctx.appPlatform();
        String platformText = trim(p.platform());
        if (platformText != null) {
            try {
                platform = Platform.valueOf(platformText.toUpperCase(Locale.ROOT));
                if (platform != ctx.appPlatform()) {
                    errors.add(FieldProblem.of("platform", "this app is registered for " + ctx.appPlatform()));
                }
            } catch (IllegalArgumentException e) {
                errors.add(FieldProblem.of("platform", "must be ios or android"));
            }
        }

        DeviceIds device = device(p.device(), platform, errors);

        String customerUserId = trim(p.customerUserId());
        maxLength(errors, "customerUserId", customerUserId, MAX_TEXT);

        Instant occurredAt = occurredAt(p.occurredAt(), ctx.receivedAt(), errors);

        Money revenue = revenue(p.revenue(), type, errors);
        AttributionInfo attribution = attribution(p.attribution(), errors);
        HashedUserData user = user(p.email(), p.phone(), errors);

        String appVersion = trim(p.appVersion());
        maxLength(errors, "appVersion", appVersion, MAX_APP_VERSION);

        Map<String, String> properties = properties(p.properties(), errors);

        String userAgent = trim(p.userAgent());
        if (userAgent != null) {
            maxLength(errors, "userAgent", userAgent, MAX_USER_AGENT);
        } else if (ctx.headerUserAgent() != null && !ctx.headerUserAgent().isBlank()) {
            userAgent = truncate(ctx.headerUserAgent().trim(), MAX_USER_AGENT);
        }

        String reportedId = eventId != null && Syntax.isUuid(eventId) ? eventId : trim(p.eventId());
        if (!errors.isEmpty()) {
            return new Result(reportedId, null, List.copyOf(errors));
        }
        SdkEvent event = new SdkEvent(eventId, type, type == EventType.CUSTOM ? eventName : null, ctx.appId(), platform,
                device, customerUserId, occurredAt, ctx.receivedAt(), ctx.clientIp(), userAgent, ctx.country(),
                revenue, attribution, user, appVersion, properties);
        return new Result(eventId, event, List.of());
    }

    private DeviceIds device(EventPayload.Device d, Platform platform, List<FieldProblem> errors) {
        if (d == null) {
            errors.add(FieldProblem.of("device", "required, with at least one identifier"));
            return null;
        }
        String appsflyerId = trim(d.appsflyerId());
        if (appsflyerId != null) {
            // partner-apis.md §1: 13 digits, a dash, then 19 (Android) or 7 (iOS) digits
            if (!Syntax.isDigitsDashDigits(appsflyerId, 13, platform == Platform.IOS ? 7 : 19)) {
                errors.add(FieldProblem.of("device.appsflyerId", platform == Platform.IOS
                        ? "an iOS AppsFlyer id is 13 digits, '-', 7 digits"
                        : "an Android AppsFlyer id is 13 digits, '-', 19 digits"));
            }
        }
        String idfa = uuid(errors, "device.idfa", d.idfa());
        String idfv = uuid(errors, "device.idfv", d.idfv());
        String gaid = uuid(errors, "device.gaid", d.gaid());
        String oaid = opaque(errors, "device.oaid", d.oaid());
        String androidId = opaque(errors, "device.androidId", d.androidId());
        DeviceIds ids = new DeviceIds(appsflyerId, idfa, idfv, gaid, oaid, androidId);
        if (DeviceKeys.ordered(platform, ids).isEmpty()) {
            errors.add(FieldProblem.of("device", "at least one identifier is required ("
                    + (platform == Platform.IOS ? "idfa, idfv or appsflyerId" : "gaid, oaid, androidId or appsflyerId")
                    + "; an all-zero advertising id does not count)"));
        }
        return ids;
    }

    private Instant occurredAt(String text, Instant now, List<FieldProblem> errors) {
        String v = trim(text);
        if (v == null) {
            errors.add(FieldProblem.of("occurredAt", "required, ISO-8601 with offset, e.g. 2026-11-20T10:15:30.123Z"));
            return null;
        }
        Instant at;
        try {
            at = Syntax.parseOffsetDateTime(v);
        } catch (DateTimeParseException e) {
            errors.add(FieldProblem.of("occurredAt", "not ISO-8601 with offset, e.g. 2026-11-20T10:15:30.123Z"));
            return null;
        }
        if (at.isAfter(now.plus(maxFutureSkew))) {
            errors.add(FieldProblem.of("occurredAt", "more than " + maxFutureSkew.toMinutes() + " minutes in the future"));
        } else if (at.isBefore(now.minus(maxAge))) {
            errors.add(FieldProblem.of("occurredAt", "older than " + maxAge.toDays() + " days"));
        }
        return at;
    }

    private static Money revenue(EventPayload.Revenue r, EventType type, List<FieldProblem> errors) {
        if (r == null) {
            if (type == EventType.PAYMENT) {
                errors.add(FieldProblem.of("revenue", "required for payment events"));
            }
            return null;
        }
        if (type == EventType.ACTIVATION || type == EventType.LOGIN) {
            errors.add(FieldProblem.of("revenue", "only payment and custom events carry revenue"));
            return null;
        }
        boolean ok = true;
        // kept as sent ("9.90" stays "9.90"); only zeros beyond the 6th decimal are dropped, never a digit
        BigDecimal amount = r.amount();
        if (amount == null) {
            errors.add(FieldProblem.of("revenue.amount", "required"));
            ok = false;
        } else if (amount.abs().compareTo(MAX_AMOUNT) >= 0) {
            // checked first: "1E+999999999" must not be expanded into a billion digits
            errors.add(FieldProblem.of("revenue.amount", "too large"));
            ok = false;
        } else {
            // kept as sent ("9.90" stays "9.90"); only zeros beyond the 6th decimal are dropped, never a digit
            if (amount.scale() > Money.MAX_SCALE) {
                amount = amount.stripTrailingZeros();
            }
            if (amount.scale() < 0) {
                amount = amount.setScale(0);
            }
            if (amount.scale() > Money.MAX_SCALE) {
                errors.add(FieldProblem.of("revenue.amount", "at most " + Money.MAX_SCALE + " decimal places"));
                ok = false;
            }
        }
        String currency = trim(r.currency());
        currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        if (currency == null) {
            errors.add(FieldProblem.of("revenue.currency", "required, ISO-4217 code such as USD"));
            ok = false;
        } else if (!Money.isIsoCurrency(currency)) {
            errors.add(FieldProblem.of("revenue.currency", "not an ISO-4217 currency code"));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Money(amount, currency);
    }

    private static AttributionInfo attribution(EventPayload.Attribution a, List<FieldProblem> errors) {
        if (a == null) {
            return null;
        }
        AttributionInfo info = new AttributionInfo(trim(a.mediaSource()), trim(a.campaign()), trim(a.adSet()),
                trim(a.ad()), trim(a.clickId()));
        maxLength(errors, "attribution.mediaSource", info.mediaSource(), MAX_TEXT);
        maxLength(errors, "attribution.campaign", info.campaign(), MAX_TEXT);
        maxLength(errors, "attribution.adSet", info.adSet(), MAX_TEXT);
        maxLength(errors, "attribution.ad", info.ad(), MAX_TEXT);
        maxLength(errors, "attribution.clickId", info.clickId(), MAX_TEXT);
        boolean empty = info.mediaSource() == null && info.campaign() == null && info.adSet() == null
                && info.ad() == null && info.clickId() == null;
        return empty ? null : info;
    }

    /** Hashes at the edge: only digests leave this method. Messages never echo the value. */
    private static HashedUserData user(String email, String phone, List<FieldProblem> errors) {
        String emailHash = null;
        if (email != null && !email.isBlank()) {
            emailHash = PiiHashing.hashEmail(email.trim());
            if (emailHash == null) {
                errors.add(FieldProblem.of("email", "not an e-mail address nor a SHA-256 hex digest"));
            }
        }
        String phoneHash = null;
        String phoneE164Hash = null;
        if (phone != null && !phone.isBlank()) {
            String v = phone.trim();
            if (PiiHashing.isSha256Hex(v)) {
                phoneHash = v.toLowerCase(Locale.ROOT); // pre-hashed digits; the E.164 form cannot be derived
            } else {
                phoneHash = PiiHashing.hashPhone(v);
                phoneE164Hash = PiiHashing.hashPhoneE164(v);
                if (phoneHash == null) {
                    errors.add(FieldProblem.of("phone", "not a phone number with country code (7-15 digits) nor a SHA-256 hex digest"));
                }
            }
        }
        if (emailHash == null && phoneHash == null) {
            return null;
        }
        return new HashedUserData(emailHash, phoneHash, phoneE164Hash);
    }

    private static Map<String, String> properties(Map<String, String> in, List<FieldProblem> errors) {
        if (in == null || in.isEmpty()) {
            return null;
        }
        if (in.size() > MAX_PROPERTIES) {
            errors.add(FieldProblem.of("properties", "at most " + MAX_PROPERTIES + " entries"));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : in.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank() || key.length() > MAX_PROPERTY_KEY) {
                errors.add(FieldProblem.of("properties", "keys are 1-" + MAX_PROPERTY_KEY + " characters"));
            } else if (e.getValue() == null) {
                errors.add(FieldProblem.of("properties." + key, "must be a string, not null"));
            } else if (e.getValue().length() > MAX_PROPERTY_VALUE) {
                errors.add(FieldProblem.of("properties." + key, "at most " + MAX_PROPERTY_VALUE + " characters"));
            } else {
                out.put(key, e.getValue());
            }
        }
        return out;
    }

    private static String uuid(List<FieldProblem> errors, String field, String raw) {
        String v = trim(raw);
        if (v != null && !Syntax.isUuid(v)) {
            errors.add(FieldProblem.of(field, "must be a UUID"));
        }
        return v;
    }

    private static String opaque(List<FieldProblem> errors, String field, String raw) {
        String v = trim(raw);
        if (v != null && (v.length() > MAX_ID || !Syntax.isToken(v, false))) {
            errors.add(FieldProblem.of(field, "1-" + MAX_ID + " characters of letters, digits and _ . : -"));
        }
        return v;
    }

    private static void maxLength(List<FieldProblem> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(FieldProblem.of(field, "at most " + max + " characters"));
        }
    }

    private static String trim(String v) {
        if (v == null) {
            return null;
        }
        String t = v.trim();
        return t.isEmpty() ? null : t;
    }

    private static String truncate(String v, int max) {
        return v.length() <= max ? v : v.substring(0, max);
    }

    private static Result refused(String eventId, FieldProblem problem) {
        return new Result(eventId, null, List.of(problem));
    }
}
