package io.adplatform.attribution.support;

import io.adplatform.common.kafka.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Expected partner requests as JSON files under {@code src/test/resources/fixtures}, with {@code {{NAME}}} placeholders
 * for values a test run chooses (ids, times). Compared field by field; a mismatch lists every differing path.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static JsonNode load(String name, Map<String, String> vars) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : vars.entrySet()) {
                text = text.replace("{{" + v.getKey() + "}}", v.getValue());
            }
            if (text.contains("{{")) {
                throw new IllegalArgumentException("unreplaced placeholder in " + name + ": " + text);
            }
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void assertMatches(String name, Map<String, String> vars, JsonNode actual) {
        JsonNode expected = load(name, vars);
        List<String> diffs = new ArrayList<>();
        diff("$", expected, actual, diffs);
        if (!diffs.isEmpty()) {
            throw new AssertionError("request differs from fixture " + name + ":\n  " + String.join("\n  ", diffs)
                    + "\nactual: " + actual.toPrettyString());
        }
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": missing, expected " + expected);
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String n : names) {
                if (!expected.has(n)) {
                    out.add(path + "." + n + ": unexpected field " + actual.get(n));
                } else {
                    diff(path + "." + n, expected.get(n), actual.get(n), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + ": " + actual.size() + " elements, expected " + expected.size() + " " + expected);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": " + actual + ", expected " + expected);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": " + actual + ", expected " + expected);
        }
    }
}
