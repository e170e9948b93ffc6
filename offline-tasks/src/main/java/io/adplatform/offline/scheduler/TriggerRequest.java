package io.adplatform.offline.scheduler;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads a trigger's optional body {@code {"parameters":{"name":"value",...}}}: string values only. */
final class TriggerRequest {

    static final int MAX_PARAMETERS = 50;
    static final int MAX_VALUE = 1024;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private TriggerRequest() {
    }

    /** The parameters, or a 400 problem naming every field at fault. */
    static Map<String, String> parameters(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return Map.of();
        }
        List<FieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw ApiProblem.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        for (String field : body.propertyNames()) {
            if (!"parameters".equals(field)) {
                errors.add(new FieldError(field, "unknown field; the body has only 'parameters'"));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode params = body.get("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                errors.add(new FieldError("parameters", "must be an object of string values"));
            } else if (params.size() > MAX_PARAMETERS) {
                errors.add(new FieldError("parameters", "at most " + MAX_PARAMETERS + " parameters"));
            } else {
                for (var e : params.properties()) {
                    String field = "parameters." + e.getKey();
                    if (!KEY.matcher(e.getKey()).matches()) {
                        errors.add(new FieldError(field, "name must be 1-64 of letters, digits, '_', '.', '-'"));
                    } else if (!e.getValue().isString()) {
                        errors.add(new FieldError(field, "must be a string, e.g. \"7\""));
                    } else if (e.getValue().stringValue().length() > MAX_VALUE) {
                        errors.add(new FieldError(field, "at most " + MAX_VALUE + " characters"));
                    } else {
                        out.put(e.getKey(), e.getValue().stringValue());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return out;
    }
}
