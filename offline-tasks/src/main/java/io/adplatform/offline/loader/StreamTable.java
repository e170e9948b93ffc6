package io.adplatform.offline.loader;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * How one topic's records become rows of one ClickHouse table: the fields the table needs are read from the record's
 * JSON ({@link EventFields}), checked for what the row cannot do without, then written as one row, its values in
 * {@link #columns()} order. A record that cannot be read, or misses a required field, is not a row (it is counted and
 * its offset still passes).
 *
 * @param fields what is read, into slots
 * @param complete whether the slots hold what a row needs
 * @param row writes the row from the slots
 */
record StreamTable(String topic, String table, List<String> columns, EventFields fields, Predicate<String[]> complete,
                   BiConsumer<String[], RowWriter> row) {

    RowWriter newWriter() {
        return new RowWriter(columns);
    }

    /** Writes the record's row; false when the record is unreadable, incomplete, or a tombstone. */
    boolean write(byte[] value, RowWriter out, String[] slots) {
        if (value == null || !fields.read(value, slots) || !complete.test(slots)) {
            return false;
        }
        out.beginRow();
        row.accept(slots, out);
        out.endRow();
        return true;
    }
}
