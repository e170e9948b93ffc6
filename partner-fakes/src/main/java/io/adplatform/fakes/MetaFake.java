package io.adplatform.fakes;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta Conversions API ({@code POST /{version}/{dataset_id}/events}, partner-apis.md §2): {@code access_token} as query
 * or form parameter, form field {@code data} = JSON array of at most 1,000 events (a JSON body with the same fields is
 * accepted too, as the Graph API does). One bad event fails the whole request with Meta's error JSON.
 */
public final class MetaFake extends PartnerFake {

    public static final int MAX_EVENTS = 1000;
    static final Duration MAX_AGE = Duration.ofDays(7);
    /** Meta tolerates small clock skew; an event_time further ahead than this is refused. */
    static final Duration MAX_FUTURE = Duration.ofMinutes(10);
    static final Pattern PATH = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/events/?$");
    static final Set<String> ACTION_SOURCES = Set.of("email", "website", "app", "phone_call", "chat", "physical_store",
            "system_generated", "business_messaging", "other");
    /** user_data fields Meta requires to be SHA-256 hashed by the sender. */
    static final List<String> HASHED_FIELDS = List.of("em", "ph", "fn", "ln", "ge", "db", "ct", "st", "zp", "country");
    static final Set<String> CUSTOMER_FIELDS = Set.of("em", "ph", "fn", "ln", "ge", "db", "ct", "st", "zp", "country",
            "external_id", "client_ip_address", "client_user_agent", "fbc", "fbp", "subscription_id", "fb_login_id",
            "lead_id", "anon_id", "madid", "page_id", "page_scoped_user_id", "ctwa_clid", "ig_account_id", "ig_sid");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TRACE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, String> tokensByDataset = new ConcurrentHashMap<>();

    MetaFake(Clock clock, int maxRecorded) {
        super("meta", clock, maxRecorded);
    }

    /** Registers a dataset (pixel) id with the access token allowed to send to it. */
    public MetaFake register(String datasetId, String accessToken) {
        tokensByDataset.put(datasetId, accessToken);
        return this;
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        return scriptedAnswer(status);
    }

    /** Meta's answer with this HTTP status, for every Graph API (Conversions and Marketing). */
    static FakeResponse scriptedAnswer(int status) {
        return switch (status) {
            case 429 -> FakeResponse.json(429, error("(#17) User request limit reached", 17, null, true, null, null));
            case 400 -> FakeResponse.json(400, error("Invalid parameter", 100, null, false, null, null));
            default -> status >= 500
                    ? FakeResponse.json(status, error("An unexpected error has occurred. Please retry your request later.",
                    2, null, true, null, null))
                    : FakeResponse.json(status, error("Error " + status, 1, null, false, null, null));
        };
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) {
            return refuse(400, "Unknown path components: " + request.path(), 2500, null, "unknown path " + request.path());
        }
        String datasetId = m.group(2);
        if (!"POST".equals(request.method())) {
            return refuse(400, "Unsupported " + request.method().toLowerCase(Locale.ROOT) + " request.", 100, null,
                    "method " + request.method());
        }
        Map<String, String> params = request.queryParams();
        JsonNode data;
        String contentType = String.valueOf(request.header("content-type")).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = FakeJson.MAPPER.readTree(request.body());
            } catch (JacksonException e) {
                return refuse(400, "(#100) Could not parse the JSON body", 100, null, "body is not JSON");
            }
            if (body == null || !body.isObject()) {
                return refuse(400, "(#100) Could not parse the JSON body", 100, null, "body is not a JSON object");
            }
            if (body.hasNonNull("access_token")) {
                params.putIfAbsent("access_token", body.get("access_token").asString());
            }
            data = body.get("data");
            if (data != null && data.isString()) {
                data = parseData(data.stringValue());
            }
        } else {
            Map<String, String> form = IncomingRequest.parseForm(request.bodyText());
            form.forEach(params::putIfAbsent);
            data = params.containsKey("data") ? parseData(params.get("data")) : null;
        }
        String token = params.get("access_token");
        if (token == null || token.isEmpty()) {
            return refuse(400, "An active access token must be used to query information about the current user.",
                    2500, null, "access_token missing");
        }
        if (!tokensByDataset.containsValue(token)) {
            return refuse(400, "Invalid OAuth access token - Cannot parse access token", 190, null,
                    "access_token unknown");
        }
        if (!token.equals(tokensByDataset.get(datasetId))) {
            return refuse(400, "Unsupported post request. Object with ID '" + datasetId + "' does not exist, cannot be "
                    + "loaded due to missing permissions, or does not support this operation.", 100, 33,
                    "dataset " + datasetId + " not registered for this token");
        }
        if (data == null) {
            return refuse(400, "(#100) The parameter data is required", 100, null, "data missing");
        }
        if (data.isMissingNode() || !data.isArray()) {
            return refuse(400, "(#100) param data must be an array.", 100, null, "data is not a JSON array");
        }
        if (data.isEmpty() || data.size() > MAX_EVENTS) {
            return refuse(400, "(#100) param data must be an array of 1 to " + MAX_EVENTS + " events.", 100, null,
                    "data has " + data.size() + " events");
        }
        List<EventKey> events = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode event = data.get(i);
            Verdict bad = checkEvent(i, event);
            if (bad != null) {
                return bad;
            }
            String name = event.get("event_name").stringValue();
            JsonNode id = event.get("event_id");
            String eventId = id == null || id.isNull() ? "no-event-id:" + UUID.randomUUID() : id.asString();
            events.add(new EventKey(eventId, name + '\u0000' + eventId));
        }
        ObjectNode ok = FakeJson.MAPPER.createObjectNode();
        ok.put("events_received", data.size());
        ok.putArray("messages");
        ok.put("fbtrace_id", traceId());
        return Verdict.accept(FakeResponse.json(200, ok.toString()), events);
    }

    private Verdict checkEvent(int index, JsonNode event) {
        String at = "data[" + index + "]";
        if (event == null || !event.isObject()) {
            return refuse(400, "(#100) " + at + " must be an object", 100, null, at + " is not an object");
        }
        JsonNode name = event.get("event_name");
        if (name == null || !name.isString() || name.stringValue().isBlank()) {
            return refuse(400, "(#100) The parameter event_name is required", 100, null, at + ".event_name missing");
        }
        JsonNode time = event.get("event_time");
        if (time == null || !time.isIntegralNumber()) {
            return refuse(400, "(#100) The parameter event_time is required and must be an integer", 100, null,
                    at + ".event_time missing or not a unix time in seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (time.asLong() < now - MAX_AGE.toSeconds()) {
            return refuse(400, "Invalid parameter", 100, 2804003, "Event Timestamp Too Old",
                    "The timestamp for this event is older than 7 days. Please check the event_time parameter.",
                    at + ".event_time older than 7 days");
        }
        if (time.asLong() > now + MAX_FUTURE.toSeconds()) {
            return refuse(400, "Invalid parameter", 100, 2804004, "Event Timestamp In Future",
                    "The timestamp for this event is in the future. Please check the event_time parameter.",
                    at + ".event_time in the future");
        }
        JsonNode source = event.get("action_source");
        if (source == null || !source.isString() || !ACTION_SOURCES.contains(source.stringValue())) {
            return refuse(400, "(#100) The parameter action_source is required and must be one of " + ACTION_SOURCES,
                    100, null, at + ".action_source missing or invalid");
        }
        JsonNode user = event.get("user_data");
        if (user == null || !user.isObject() || user.propertyNames().stream().noneMatch(CUSTOMER_FIELDS::contains)) {
            return refuse(400, "Invalid parameter", 100, 2804050, "Missing user_data",
                    "user_data must contain at least one customer information parameter.",
                    at + ".user_data missing or empty");
        }
        for (String field : HASHED_FIELDS) {
            JsonNode v = user.get(field);
            if (v != null && !v.isNull() && !allSha256(v)) {
                return refuse(400, "Invalid parameter", 100, 2804016, "Unhashed user data",
                        "The parameter user_data." + field + " must be hashed with SHA-256.",
                        at + ".user_data." + field + " is not a SHA-256 hex digest");
            }
        }
        if ("app".equals(source.stringValue())) {
            String problem = checkAppData(event.get("app_data"));
            if (problem != null) {
                return refuse(400, "Invalid parameter", 100, 2804017, "Invalid app_data",
                        "app_data " + problem, at + ".app_data " + problem);
            }
        }
        JsonNode custom = event.get("custom_data");
        if (custom != null && !custom.isNull()) {
            JsonNode value = custom.get("value");
            if (value != null && !value.isNull() && !value.isNumber()) {
                return refuse(400, "(#100) custom_data.value must be a number", 100, null, at + ".custom_data.value");
            }
            JsonNode currency = custom.get("currency");
            if (currency != null && !currency.isNull()
                    && !(currency.isString() && AppsFlyerFake.isIsoCurrency(currency.stringValue().toUpperCase(Locale.ROOT)))) {
                return refuse(400, "(#100) custom_data.currency must be an ISO-4217 code", 100, null,
                        at + ".custom_data.currency");
            }
        }
        if ("Purchase".equals(name.stringValue())
                && (custom == null || !custom.hasNonNull("value") || !custom.hasNonNull("currency"))) {
            return refuse(400, "Invalid parameter", 100, 2804019, "Missing purchase value",
                    "Purchase events must include custom_data.currency and custom_data.value.",
                    at + " Purchase without custom_data.currency/value");
        }
        return null;
    }

    private static String checkAppData(JsonNode app) {
        if (app == null || !app.isObject()) {
            return "is required for action_source app";
        }
        JsonNode ate = app.get("advertiser_tracking_enabled");
        if (ate == null || !(ate.isBoolean() || (ate.isIntegralNumber() && (ate.asInt() == 0 || ate.asInt() == 1)))) {
            return "advertiser_tracking_enabled must be 0 or 1";
        }
        JsonNode extinfo = app.get("extinfo");
        if (extinfo == null || !extinfo.isArray() || extinfo.size() != 16) {
            return "extinfo must be an array of 16 strings";
        }
        for (JsonNode e : extinfo) {
            if (!e.isString()) {
                return "extinfo must be an array of 16 strings";
            }
        }
        String version = extinfo.get(0).stringValue();
        if (!"i2".equals(version) && !"a2".equals(version)) {
            return "extinfo[0] must be i2 or a2";
        }
        return null;
    }

    private static boolean allSha256(JsonNode v) {
        if (v.isString()) {
            return AppsFlyerFake.SHA256_HEX.matcher(v.stringValue()).matches();
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isString() || !AppsFlyerFake.SHA256_HEX.matcher(e.stringValue()).matches()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static JsonNode parseData(String text) {
        try {
            JsonNode n = FakeJson.MAPPER.readTree(text);
            return n == null ? FakeJson.MAPPER.missingNode() : n;
        } catch (JacksonException e) {
            return FakeJson.MAPPER.missingNode();
        }
    }

    private Verdict refuse(int status, String message, int code, Integer subcode, String reason) {
        return refuse(status, message, code, subcode, null, null, reason);
    }

    private Verdict refuse(int status, String message, int code, Integer subcode, String userTitle, String userMsg,
                           String reason) {
        return Verdict.refuse(FakeResponse.json(status, error(message, code, subcode, false, userTitle, userMsg)),
                reason);
    }

    static String error(String message, int code, Integer subcode, boolean isTransient, String userTitle,
                        String userMsg) {
        ObjectNode root = FakeJson.MAPPER.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("message", message);
        err.put("type", "OAuthException");
        err.put("code", code);
        if (subcode != null) {
            err.put("error_subcode", subcode);
        }
        err.put("is_transient", isTransient);
        if (userTitle != null) {
            err.put("error_user_title", userTitle);
            err.put("error_user_msg", userMsg);
        }
        err.put("fbtrace_id", traceId());
        return root.toString();
    }

    static String traceId() {
        StringBuilder sb = new StringBuilder(11);
        for (int i = 0; i < 11; i++) {
            sb.append(TRACE_CHARS.charAt(RANDOM.nextInt(TRACE_CHARS.length())));
        }
        return sb.toString();
    }

}
