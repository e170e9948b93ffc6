package io.adplatform.ingestion.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** Jackson's error path as the dotted field name clients see in {@code errors[].field}, e.g. {@code device.idfa}. */
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
