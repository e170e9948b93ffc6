package io.adplatform.bidder.json;

import io.adplatform.common.kafka.EventJson;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.ByteArrayBuilder;

/**
 * What the bid path's hand-written JSON writers share: the factory of {@link EventJson#mapper()} (the same generator
 * features, so the same escaping and number formats as databind) and the way {@code ObjectMapper.writeValueAsBytes}
 * drives a generator — one buffer recycler for the output and the generator's buffers, released to the pool afterwards.
 */
public final class JsonOut {

    /** Writes one value on a generator. */
    @FunctionalInterface
    public interface Body<T> {
        void write(JsonGenerator g, T value);
    }

    private static final TokenStreamFactory JSON = EventJson.mapper().tokenStreamFactory();

    private JsonOut() {
    }

    /** The mapper's own factory, for parsers that must read what databind reads. */
    public static TokenStreamFactory factory() {
        return JSON;
    }

    /** {@code value} as UTF-8 JSON. */
    public static <T> byte[] bytes(T value, Body<T> body) {
        BufferRecycler recycler = JSON._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
                body.write(g, value);
            }
            return out.getClearAndRelease();
        } finally {
            recycler.releaseToPool();
        }
    }

    /** A text field, left out when null (databind's NON_NULL). */
    public static void string(JsonGenerator g, SerializableString name, String value) {
        if (value != null) {
            g.writeName(name);
            g.writeString(value);
        }
    }

    /** A field name encoded once. */
    public static SerializableString name(String name) {
        return new SerializedString(name);
    }
}
