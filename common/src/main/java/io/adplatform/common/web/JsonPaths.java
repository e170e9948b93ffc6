package io.adplatform.common.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * Jackson's error path as the field name every service puts in a problem+json body's {@code errors[].field}, e.g.
 * {@code device.idfa} or {@code checks[3].device}: one naming rule across the platform's APIs.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
