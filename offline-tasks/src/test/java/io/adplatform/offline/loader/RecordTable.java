package io.adplatform.offline.loader;

import io.adplatform.common.kafka.EventJson;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;

/**
 * The reference mapping of one table: the record read by databind, then written (see {@link ReferenceMappings}).
 * checked for what the row cannot do without, then written as one row, its values in {@link #columns()} order. A record that cannot be read or misses a
 * required field is not a row (it is counted and its offset still passes).
 */
record RecordTable<T>(String topic, String table, List<String> columns, Class<T> type, Predicate<T> complete,
                      BiConsumer<T, RowWriter> row) {

    RecordTable(String topic, String table, String columns, Class<T> type, Predicate<T> complete,
                BiConsumer<T, RowWriter> row) {
        this(topic, table, List.of(columns.split(",\\s*")), type, complete, row);
    }

    RowWriter newWriter() {
        return new RowWriter(columns);
    }

    /** Writes the record's row; false when the record is unreadable, incomplete, or a tombstone. */
    boolean write(byte[] value, RowWriter out) {
        if (value == null) {
            return false;
        }
        T record;
        try {
            record = EventJson.mapper().readValue(value, type);
        } catch (JacksonException | IllegalArgumentException e) {
            return false;
        }
        if (record == null || !complete.test(record)) {
            return false;
        }
        out.beginRow();
        row.accept(record, out);
        out.endRow();
        return true;
    }
}
