package io.adplatform.fakes;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok Events API 2.0 ({@code POST /open_api/v1.3/event/track/}, partner-apis.md §3): header {@code Access-Token},
 * JSON body; answers HTTP 200 with {@code {code, message, request_id, data}} where a non-zero code is an error.
 */
public final class TikTokFake extends PartnerFake {

    public static final String PATH = "/open_api/v1.3/event/track/";
    public static final int MAX_EVENTS = 1000;
    static final Set<String> EVENT_SOURCES = Set.of("web", "app", "offline", "crm");
    static final int CODE_INVALID_PARAM = 40002;
    static final int CODE_NO_PERMISSION = 40001;
    static final int CODE_RATE_LIMIT = 40100;
    static final int CODE_TOKEN_EMPTY = 40104;
    static final int CODE_TOKEN_INVALID = 40105;
    static final int CODE_INTERNAL = 50000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter REQUEST_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Map<String, String> tokensBySource = new ConcurrentHashMap<>();

    TikTokFake(Clock clock, int maxRecorded) {
        super("tiktok", clock, maxRecorded);
    }

    /** Registers an event source (pixel / app event source) id with the access token allowed to send to it. */
    public TikTokFake register(String eventSourceId, String accessToken) {
        tokensBySource.put(eventSourceId, accessToken);
        return this;
    }

    @Override
    protected FakeResponse scriptedResponse(int status) {
        return scriptedResponse(clock, status);
    }

    /** TikTok's answer with this HTTP status, for every TikTok API (events and Marketing). */
    static FakeResponse scriptedResponse(Clock clock, int status) {
        if (status == 429) {
            return FakeResponse.json(429, envelope(clock, CODE_RATE_LIMIT, "Too many requests. Please retry in some time.",
                    null));
        }
        if (status >= 500) {
            return FakeResponse.json(status, envelope(clock, CODE_INTERNAL, "Internal service error. Please retry later.",
                    null));
        }
        return FakeResponse.json(status, envelope(clock, CODE_INVALID_PARAM, "Error " + status, null));
    }

    @Override
    protected Verdict validate(IncomingRequest request) {
        if (!PATH.equals(request.path()) && !PATH.equals(request.path() + "/")) {
            return Verdict.refuse(FakeResponse.json(404, envelope(40400, "Not found")), "unknown path " + request.path());
        }
        if (!"POST".equals(request.method())) {
            return Verdict.refuse(FakeResponse.json(405, envelope(40500, "Method not allowed")),
                    "method " + request.method());
        }
        String token = request.header("access-token");
        if (token == null || token.isEmpty()) {
            return refuse(CODE_TOKEN_EMPTY, "Access token is null, you should set it in http header.",
                    "Access-Token header missing");
        }
        if (!tokensBySource.containsValue(token)) {
            return refuse(CODE_TOKEN_INVALID, "Access token is incorrect or has been revoked.", "Access-Token unknown");
        }
        JsonNode body;
        try {
            body = FakeJson.MAPPER.readTree(request.body());
        } catch (JacksonException e) {
            return refuse(CODE_INVALID_PARAM, "Invalid JSON in request body.", "body is not JSON");
        }
        if (body == null || !body.isObject()) {
            return refuse(CODE_INVALID_PARAM, "Request body must be a JSON object.", "body is not a JSON object");
        }
        JsonNode source = body.get("event_source");
        if (source == null || !source.isString() || !EVENT_SOURCES.contains(source.stringValue())) {
            return refuse(CODE_INVALID_PARAM, "event_source: must be one of web, app, offline, crm.",
                    "event_source missing or invalid");
        }
        JsonNode sourceId = body.get("event_source_id");
        if (sourceId == null || !sourceId.isString() || sourceId.stringValue().isBlank()) {
            return refuse(CODE_INVALID_PARAM, "event_source_id: Missing data for required field.",
                    "event_source_id missing");
        }
        if (!token.equals(tokensBySource.get(sourceId.stringValue()))) {
            return refuse(CODE_NO_PERMISSION, "No permission to operate event source " + sourceId.stringValue() + ".",
                    "event source " + sourceId.stringValue() + " not registered for this token");
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isArray() || data.isEmpty() || data.size() > MAX_EVENTS) {
            return refuse(CODE_INVALID_PARAM, "data: must be an array of 1 to " + MAX_EVENTS + " events.",
                    "data missing, empty or too long");
        }
        List<EventKey> events = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String problem = checkEvent(data.get(i), source.stringValue());
            if (problem != null) {
                return refuse(CODE_INVALID_PARAM, "data[" + i + "]." + problem, "data[" + i + "]." + problem);
            }
            JsonNode e = data.get(i);
            String eventId = e.get("event_id").asString();
            events.add(new EventKey(eventId, e.get("event").stringValue() + '\u0000' + eventId));
        }
        return Verdict.accept(FakeResponse.json(200, envelope(0, "OK")), events);
    }

    private static String checkEvent(JsonNode e, String source) {
        if (e == null || !e.isObject()) {
            return " must be an object";
        }
        JsonNode event = e.get("event");
        if (event == null || !event.isString() || event.stringValue().isBlank()) {
            return "event: Missing data for required field.";
        }
        JsonNode time = e.get("event_time");
        if (time == null || !time.isIntegralNumber() || time.asLong() <= 0) {
            return "event_time: must be a unix timestamp in seconds.";
        }
        JsonNode id = e.get("event_id");
        if (id == null || !id.isString() || id.stringValue().isBlank()) {
            return "event_id: Missing data for required field.";
        }
        JsonNode user = e.get("user");
        if (user != null && !user.isNull()) {
            if (!user.isObject()) {
                return "user: must be an object.";
            }
            for (String field : List.of("email", "phone", "external_id")) {
                JsonNode v = user.get(field);
                if (v != null && !v.isNull() && !allSha256(v)) {
                    return "user." + field + ": must be SHA-256 hashed.";
                }
            }
        }
        JsonNode props = e.get("properties");
        if (props != null && !props.isNull()) {
            JsonNode value = props.get("value");
            if (value != null && !value.isNull() && !value.isNumber()) {
                return "properties.value: must be a number.";
            }
            JsonNode currency = props.get("currency");
            if (currency != null && !currency.isNull()
                    && !(currency.isString() && AppsFlyerFake.isIsoCurrency(currency.stringValue()))) {
                return "properties.currency: must be an ISO-4217 code.";
            }
        }
        if ("app".equals(source)) {
            JsonNode app = e.get("app");
            if (app == null || !app.isObject() || !app.hasNonNull("app_id") || app.get("app_id").asString().isBlank()) {
                return "app.app_id: Missing data for required field (event_source app).";
            }
        }
        return null;
    }

    private static boolean allSha256(JsonNode v) {
        if (v.isString()) {
            return AppsFlyerFake.SHA256_HEX.matcher(v.stringValue()).matches();
        }
        if (v.isArray()) {
            for (JsonNode x : v) {
                if (!x.isString() || !AppsFlyerFake.SHA256_HEX.matcher(x.stringValue()).matches()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private Verdict refuse(int code, String message, String reason) {
        // TikTok answers errors with HTTP 200 and a non-zero code.
        return Verdict.refuse(FakeResponse.json(200, envelope(code, message)), reason);
    }

    String envelope(int code, String message) {
        return envelope(clock, code, message, null);
    }

    /** TikTok's {@code {code, message, request_id, data}}; {@code data} null → {@code {}}. */
    static String envelope(Clock clock, int code, String message, ObjectNode data) {
        ObjectNode root = FakeJson.MAPPER.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        byte[] rnd = new byte[6];
        RANDOM.nextBytes(rnd);
        root.put("request_id", REQUEST_ID_TIME.format(clock.instant()) + HexFormat.of().withUpperCase().formatHex(rnd));
        if (data == null) {
            root.putObject("data");
        } else {
            root.set("data", data);
        }
        return root.toString();
    }
}
