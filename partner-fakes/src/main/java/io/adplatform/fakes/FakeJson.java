package io.adplatform.fakes;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One JSON mapper for the fakes; strict enough to notice malformed bodies. */
final class FakeJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FakeJson() {
    }

    /** The JSON in {@code text}, or null when it is missing or does not parse. */
    static JsonNode parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The JSON in {@code body}, or null when it does not parse. */
    static JsonNode parseOrNull(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** An id as partners accept it — a non-blank string or an integer — as text; null otherwise. */
    static String idText(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue().isBlank() ? null : node.stringValue();
        }
        return node.isIntegralNumber() ? node.asString() : null;
    }
}
