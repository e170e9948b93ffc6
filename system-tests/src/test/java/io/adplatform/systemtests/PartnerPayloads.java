package io.adplatform.systemtests;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.fakes.ReceivedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads what the partner fakes received, the way each partner reads it. */
final class PartnerPayloads {

    private PartnerPayloads() {
    }

    /** AppsFlyer: one JSON event per request. */
    static JsonNode appsflyerEvent(ReceivedRequest request) {
        return EventJson.mapper().readTree(request.body());
    }

    /** Meta CAPI: the {@code data} array, from a form body or a JSON body. */
    static List<JsonNode> metaEvents(ReceivedRequest request) {
        JsonNode data;
        String body = request.body().trim();
        if (body.startsWith("{")) {
            data = EventJson.mapper().readTree(body).get("data");
            if (data.isString()) {
                data = EventJson.mapper().readTree(data.asString());
            }
        } else {
            data = EventJson.mapper().readTree(form(body).get("data"));
        }
        List<JsonNode> events = new ArrayList<>();
        data.forEach(events::add);
        return events;
    }

    /** TikTok Events API: the {@code data} array with the envelope's event source copied in for assertions. */
    static List<JsonNode> tiktokEvents(ReceivedRequest request) {
        List<JsonNode> events = new ArrayList<>();
        EventJson.mapper().readTree(request.body()).get("data").forEach(events::add);
        return events;
    }

    static JsonNode tiktokEnvelope(ReceivedRequest request) {
        return EventJson.mapper().readTree(request.body());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
