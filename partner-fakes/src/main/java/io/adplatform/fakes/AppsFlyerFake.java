package io.adplatform.fakes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * AppsFlyer S2S in-app events ({@code POST /inappevent/{app_id}}, partner-apis.md §1): plain-text answers, one event
 * per request, at most 1 KB, {@code authentication} header = the app's S2S key.
 */
public final class AppsFlyerFake extends PartnerFake {

    public static final int MAX_BODY_BYTES = 1024;
    static final Pattern IOS_APP_ID = Pattern.compile("^id\\d+$");
    static final Pattern DIGITS_ONLY = Pattern.compile("^\\d+$");
    static final Pattern PACKAGE_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z0-9_]+)+$");
    static final Pattern ANDROID_AF_ID = Pattern.compile("^\\d{13}-\\d{19}$");
    static final Pattern IOS_AF_ID = Pattern.compile("^\\d{13}-\\d{7}$");
    static final Pattern NUMERIC_TEXT = Pattern.compile("^-?\\d+(\\.\\d+)?$");
    static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-fA-F]{64}$");
    static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final Map<String, String> keysByApp = new ConcurrentHashMap<>();

    AppsFlyerFake(Clock clock, int maxRecorded) {
        super("appsflyer", clock, maxRecorded);
    }

    /** Registers an app (package name or {@code id} + digits) with its S2S key. */
    public AppsFlyerFake register(String appId, String s2sKey) {
        keysByApp.put(appId, s2sKey);
        return this;
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        return FakeResponse.text(status, switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error " + status;
        });
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        if (!request.path().startsWith("/inappevent/")) {
            return Verdict.refuse(FakeResponse.text(404, "Not Found"), "unknown path " + request.path());
        }
        if (!"POST".equals(request.method())) {
            return Verdict.refuse(FakeResponse.text(405, "Method Not Allowed"), "method " + request.method());
        }
        String appId = request.path().substring("/inappevent/".length());
        boolean ios = IOS_APP_ID.matcher(appId).matches();
        if (DIGITS_ONLY.matcher(appId).matches()) {
            // The real API answers 200 and silently drops an iOS event whose app id lacks the "id" prefix.
            return Verdict.refuse(FakeResponse.text(200, "OK"), "app_id without the id prefix: event dropped");
        }
        if (!ios && !PACKAGE_NAME.matcher(appId).matches()) {
            return Verdict.refuse(FakeResponse.text(400, "Bad request"), "app_id is neither id<digits> nor a package name");
        }
        String key = keysByApp.get(appId);
        String presented = request.header("authentication");
        if (key == null || !key.equals(presented)) {
            return Verdict.refuse(FakeResponse.text(401, "Unauthorized"),
                    key == null ? "app not registered: " + appId : "wrong or missing authentication header");
        }
        byte[] body = request.body();
        if (body.length == 0) {
            return badPayload("empty body");
        }
        if (body.length > MAX_BODY_BYTES) {
            return Verdict.refuse(FakeResponse.text(400, "Bad request"),
                    "body is " + body.length + " bytes, more than 1 KB");
        }
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return badPayload("Content-Type is not application/json");
        }
        JsonNode json;
        try {
            json = FakeJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return badPayload("body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return badPayload("body is not a JSON object");
        }
        String afId = text(json, "appsflyer_id");
        if (afId == null || afId.isEmpty()) {
            return Verdict.refuse(FakeResponse.text(400, "appsflyer_id is a mandatory field"), "appsflyer_id missing");
        }
        Pattern afPattern = ios ? IOS_AF_ID : ANDROID_AF_ID;
        if (!afPattern.matcher(afId).matches()) {
            return bad("appsflyer_id does not match " + afPattern.pattern());
        }
        String eventName = text(json, "eventName");
        if (eventName == null || eventName.isBlank()) {
            return Verdict.refuse(FakeResponse.text(400, "eventName is a mandatory field"), "eventName missing");
        }
        JsonNode eventValue = json.get("eventValue");
        if (eventValue == null || eventValue.isNull()) {
            return Verdict.refuse(FakeResponse.text(400, "eventValue is a mandatory field"), "eventValue missing");
        }
        if (!eventValue.isString()) {
            return bad("eventValue must be a string holding JSON, got " + eventValue.getNodeType());
        }
        String problem = checkEventValue(eventValue.stringValue());
        if (problem != null) {
            return bad(problem);
        }
        String eventTime = text(json, "eventTime");
        if (eventTime != null) {
            try {
                LocalDateTime.parse(eventTime, EVENT_TIME);
            } catch (DateTimeParseException e) {
                return bad("eventTime is not yyyy-MM-dd HH:mm:ss.SSS: " + eventTime);
            }
        }
        String currency = text(json, "eventCurrency");
        if (currency != null && !isIsoCurrency(currency)) {
            return bad("eventCurrency is not ISO-4217: " + currency);
        }
        String ip = text(json, "ip");
        if (ip != null && !IPV4.matcher(ip).matches()) {
            return bad("ip is not IPv4: " + ip);
        }
        if (ios && (text(json, "os") == null || text(json, "os").isBlank())) {
            return bad("os is required for iOS apps");
        }
        JsonNode att = json.get("att");
        if (att != null && !att.isNull() && !(att.isIntegralNumber() && att.asInt() >= 0 && att.asInt() <= 3)) {
            return bad("att must be 0..3");
        }
        for (String hashed : List.of("email_hashed", "phone_number_hashed")) {
            String v = text(json, hashed);
            if (v != null && !SHA256_HEX.matcher(v).matches()) {
                return bad(hashed + " is not a SHA-256 hex digest");
            }
        }
        // AppsFlyer has no idempotency key: the fake counts identical bodies as duplicates, which tests assert on.
        String bodyText = new String(body, StandardCharsets.UTF_8);
        return Verdict.accept(FakeResponse.text(200, "OK"), List.of(new EventKey(bodyText, appId + '\n' + bodyText)));
    }

    private static String checkEventValue(String value) {
        if (value.isEmpty()) {
            return null;
        }
        JsonNode inner;
        try {
            inner = FakeJson.MAPPER.readTree(value);
        } catch (JacksonException e) {
            return "eventValue is not JSON text";
        }
        if (inner == null || !inner.isObject()) {
            return "eventValue is not a JSON object";
        }
        JsonNode revenue = inner.get("af_revenue");
        if (revenue != null && !revenue.isNull()) {
            String r = revenue.isNumber() ? revenue.asDecimal().toPlainString() : revenue.asString();
            if (!NUMERIC_TEXT.matcher(r).matches()) {
                return "af_revenue is not numeric text: " + r;
            }
            JsonNode cur = inner.get("af_currency");
            if (cur == null || !cur.isString() || !isIsoCurrency(cur.stringValue())) {
                return "af_currency missing or not ISO-4217 next to af_revenue";
            }
        }
        return null;
    }

    private static Verdict bad(String reason) {
        return Verdict.refuse(FakeResponse.text(400, "Bad request"), reason);
    }

    private static Verdict badPayload(String reason) {
        return Verdict.refuse(FakeResponse.text(400, "Payload is missing or failed to parse"), reason);
    }

    static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.isString() ? n.stringValue() : n.toString();
    }

    static boolean isIsoCurrency(String code) {
        if (code == null || code.length() != 3 || !code.equals(code.toUpperCase(Locale.ROOT))) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
