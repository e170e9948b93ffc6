package io.adplatform.ingestion.events;

import io.adplatform.ingestion.web.FieldProblem;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads an {@link EventPayload} from the parsed JSON by hand: every field with the wrong JSON type is reported (a
 * binder stops at the first), and the hot path avoids the generic binder's reflection and allocation. Scalars are
 * accepted where text is expected (an SDK that sends {@code "appVersion": 3} means "3"); objects and arrays are not.
 */
final class EventPayloadReader {

    private EventPayloadReader() {
    }

    static EventPayload read(JsonNode n, List<FieldProblem> errors) {
        return new EventPayload(
                text(n, "eventId", "", errors),
                text(n, "type", "", errors),
                text(n, "eventName", "", errors),
                text(n, "platform", "", errors),
                device(n.get("device"), errors),
                text(n, "customerUserId", "", errors),
                text(n, "occurredAt", "", errors),
                revenue(n.get("revenue"), errors),
                attribution(n.get("attribution"), errors),
                text(n, "email", "", errors),
                text(n, "phone", "", errors),
                text(n, "appVersion", "", errors),
                properties(n.get("properties"), errors),
                text(n, "userAgent", "", errors));
    }

    private static EventPayload.Device device(JsonNode d, List<FieldProblem> errors) {
        if (!object(d, "device", errors)) {
            return null;
        }
        String gaid = text(d, "gaid", "device.", errors);
        if (gaid == null) {
            gaid = text(d, "advertising_id", "device.", errors); // AppsFlyer's name for it
        }
        return new EventPayload.Device(text(d, "appsflyerId", "device.", errors), text(d, "idfa", "device.", errors),
                text(d, "idfv", "device.", errors), gaid, text(d, "oaid", "device.", errors),
                text(d, "androidId", "device.", errors));
    }

    private static EventPayload.Revenue revenue(JsonNode r, List<FieldProblem> errors) {
        if (!object(r, "revenue", errors)) {
            return null;
        }
        BigDecimal amount = null;
        JsonNode a = r.get("amount");
        if (a != null && !a.isNull()) {
            if (a.isNumber()) {
                amount = a.decimalValue(); // parsed as BigDecimal (EventJson): exact digits
            } else if (a.isString()) {
                try {
                    amount = new BigDecimal(a.asString().trim());
                } catch (NumberFormatException e) {
                    errors.add(FieldProblem.of("revenue.amount", "must be a decimal number or decimal text"));
                }
            } else {
                errors.add(FieldProblem.of("revenue.amount", "must be a decimal number or decimal text"));
            }
        }
        return new EventPayload.Revenue(amount, text(r, "currency", "revenue.", errors));
    }

    private static EventPayload.Attribution attribution(JsonNode a, List<FieldProblem> errors) {
        if (!object(a, "attribution", errors)) {
            return null;
        }
        String p = "attribution.";
        return new EventPayload.Attribution(text(a, "mediaSource", p, errors), text(a, "campaign", p, errors),
                text(a, "adSet", p, errors), text(a, "ad", p, errors), text(a, "clickId", p, errors));
    }

    private static Map<String, String> properties(JsonNode p, List<FieldProblem> errors) {
        if (!object(p, "properties", errors)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), null); // the validator names it
            } else if (v.isValueNode()) {
                out.put(e.getKey(), v.asString());
            } else {
                errors.add(FieldProblem.of("properties." + e.getKey(), "must be a string"));
            }
        }
        return out;
    }

    /** True when the field is an object; null or absent → false quietly; anything else → false with an error. */
    private static boolean object(JsonNode node, String field, List<FieldProblem> errors) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            errors.add(FieldProblem.of(field, "must be an object"));
            return false;
        }
        return true;
    }

    private static String text(JsonNode parent, String name, String prefix, List<FieldProblem> errors) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isValueNode()) {
            return v.asString();
        }
        errors.add(FieldProblem.of(prefix + name, "must be a string"));
        return null;
    }
}
