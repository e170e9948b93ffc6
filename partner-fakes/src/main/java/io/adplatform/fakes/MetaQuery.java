package io.adplatform.fakes;

import io.adplatform.fakes.MetaAdObjects.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Graph's read parameters: {@code fields} (with {@code creative{...}} expansion) per node type and {@code filtering}
 * ({@code [{field, operator, value}]}) per list edge.
 */
final class MetaQuery {

    static final Set<String> CAMPAIGN_FIELDS = Set.of("id", "name", "status", "configured_status", "effective_status",
            "objective", "special_ad_categories", "account_id", "daily_budget", "lifetime_budget", "bid_strategy",
            "buying_type", "created_time", "updated_time");
    static final Set<String> ADSET_FIELDS = Set.of("id", "name", "status", "configured_status", "effective_status",
            "account_id", "campaign_id", "optimization_goal", "billing_event", "bid_strategy", "bid_amount",
            "daily_budget", "lifetime_budget", "targeting", "promoted_object", "start_time", "end_time",
            "created_time", "updated_time");
    static final Set<String> AD_FIELDS = Set.of("id", "name", "status", "configured_status", "effective_status",
            "account_id", "adset_id", "campaign_id", "creative", "created_time", "updated_time");
    static final Set<String> CREATIVE_FIELDS = Set.of("id", "name", "account_id", "object_story_spec");
    static final Set<String> FILTER_OPERATORS = Set.of("EQUAL", "NOT_EQUAL", "CONTAIN", "NOT_CONTAIN", "IN", "NOT_IN");
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 5000;

    private MetaQuery() {
    }

    /** One {@code filtering} entry; {@code value} a string or, for IN / NOT_IN, an array. */
    record Filter(String field, String operator, JsonNode value) {

        boolean test(String actual) {
            String a = actual == null ? "" : actual;
            return switch (operator) {
                case "EQUAL" -> a.equals(text(value));
                case "NOT_EQUAL" -> !a.equals(text(value));
                case "CONTAIN" -> a.toLowerCase(Locale.ROOT).contains(text(value).toLowerCase(Locale.ROOT));
                case "NOT_CONTAIN" -> !a.toLowerCase(Locale.ROOT).contains(text(value).toLowerCase(Locale.ROOT));
                case "IN" -> values().contains(a);
                default -> !values().contains(a);
            };
        }

        private List<String> values() {
            List<String> out = new ArrayList<>();
            value.forEach(v -> out.add(text(v)));
            return out;
        }

        private static String text(JsonNode v) {
            return v.isString() ? v.stringValue() : v.asString();
        }
    }

    static Set<String> filterFields(String kind) {
        return switch (kind) {
            case "campaigns" -> Set.of("id", "name", "effective_status", "configured_status", "objective");
            case "adsets" -> Set.of("id", "name", "effective_status", "configured_status", "campaign.id");
            case "ads" -> Set.of("id", "name", "effective_status", "configured_status", "campaign.id", "adset.id");
            default -> Set.of("id", "name");
        };
    }

    static Answer filters(String account, String kind, String text, List<Filter> out) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode f = FakeJson.parseOrNull(text);
        if (f == null || !f.isArray()) {
            return Answer.bad(account, "Param filtering must be a JSON array of {field, operator, value}",
                    "filtering is not a JSON array");
        }
        for (int i = 0; i < f.size(); i++) {
            JsonNode e = f.get(i);
            String field = e.isObject() && e.path("field").isString() ? e.get("field").stringValue() : null;
            String op = e.isObject() && e.path("operator").isString() ? e.get("operator").stringValue() : null;
            JsonNode value = e.isObject() ? e.get("value") : null;
            if (field == null || op == null || value == null || value.isNull()) {
                return Answer.bad(account, "Param filtering[" + i + "] needs field, operator and value",
                        "filtering[" + i + "] incomplete");
            }
            if (!filterFields(kind).contains(field)) {
                return Answer.bad(account, "Filtering field " + field + " is invalid. Valid fields: "
                        + MetaParams.sorted(filterFields(kind)), "filtering field " + field + " invalid on " + kind);
            }
            if (!FILTER_OPERATORS.contains(op)) {
                return Answer.bad(account, "Filtering operator " + op + " is invalid. Valid operators: "
                        + MetaParams.sorted(FILTER_OPERATORS), "filtering operator " + op + " invalid");
            }
            boolean list = "IN".equals(op) || "NOT_IN".equals(op);
            if (list != value.isArray() || (!list && !value.isValueNode())) {
                return Answer.bad(account, "Filtering value for " + op + (list ? " must be an array" : " must be a "
                        + "string or number"), "filtering[" + i + "] value does not fit " + op);
            }
            out.add(new Filter(field, op, value));
        }
        return null;
    }

    /** The fields asked for ({@code a,b{c}} → a:null, b:"c"), or an {@link Answer} refusing them. */
    static Object fields(String account, String kind, String fieldsParam) {
        Map<String, String> fields = parseFields(fieldsParam);
        if (fields == null) {
            return Answer.bad(account, "Syntax error in fields", "fields malformed: " + fieldsParam);
        }
        Set<String> known = switch (kind) {
            case "campaigns" -> CAMPAIGN_FIELDS;
            case "adsets" -> ADSET_FIELDS;
            case "ads" -> AD_FIELDS;
            default -> CREATIVE_FIELDS;
        };
        String nodeType = switch (kind) {
            case "campaigns" -> "Campaign";
            case "adsets" -> "AdSet";
            case "ads" -> "Adgroup";
            default -> "AdCreative";
        };
        String unknown = unknownField(fields, known);
        if (unknown == null && "ads".equals(kind) && fields.get("creative") != null) {
            Map<String, String> sub = parseFields(fields.get("creative"));
            String bad = sub == null ? fields.get("creative") : unknownField(sub, CREATIVE_FIELDS);
            if (bad != null) {
                return nonexistingField(account, bad, "AdCreative");
            }
        }
        return unknown == null ? fields : nonexistingField(account, unknown, nodeType);
    }

    static Answer nonexistingField(String account, String field, String nodeType) {
        return Answer.bad(account, "Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")",
                "field " + field + " unknown on " + nodeType);
    }

    /**
     * Graph's {@code fields} list, {@code a,b{c,d}} → {a:null, b:"c,d"}; empty when absent (Graph then answers the id
     * only); null when the braces do not balance.
     */
    static Map<String, String> parseFields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ',';
            if (ch == '{') {
                depth++;
            } else if (ch == '}') {
                if (--depth < 0) {
                    return null;
                }
            } else if (ch == ',' && depth == 0) {
                String part = text.substring(start, i).strip();
                start = i + 1;
                if (part.isEmpty()) {
                    continue;
                }
                int brace = part.indexOf('{');
                if (brace < 0) {
                    out.put(part, null);
                } else if (part.endsWith("}")) {
                    out.put(part.substring(0, brace).strip(), part.substring(brace + 1, part.length() - 1));
                } else {
                    return null;
                }
            }
        }
        return depth == 0 ? out : null;
    }

    static String unknownField(Map<String, String> fields, Set<String> known) {
        return fields.keySet().stream().filter(f -> !known.contains(f)).findFirst().orElse(null);
    }
}
