package io.adplatform.offline.loader;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one batch's rows as ClickHouse's JSONEachRow: one object per line, column names as keys, on one generator for
 * the whole batch. Absent values are left out (the column's default applies), except where {@link #nullValue} says
 * null on purpose. Rows are mapped from records already read, so a row is never left half-written.
 */
final class RowWriter {

    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator("\n").build();

    private ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private final char[] time = "0000-00-00 00:00:00.000".toCharArray();
    private JsonGenerator g;
    private int rows;

    RowWriter() {
        clear();
    }

    void beginRow() {
        g.writeStartObject();
    }

    void endRow() {
        g.writeEndObject();
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Bytes written so far (what the generator still buffers aside). */
    long size() {
        return out.size();
    }

    /** The batch as JSONEachRow: every row, each on its own line. */
    byte[] finish() {
        g.flush();
        out.write('\n');
        return out.toByteArray();
    }

    void clear() {
        if (g != null) {
            g.close();
        }
        // A batch's buffer grows to the batch's size; an idle partition must not keep megabytes of it.
        out = out.size() > (1 << 20) ? new ByteArrayOutputStream(1 << 16) : out;
        out.reset();
        rows = 0;
        g = JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    }

    RowWriter string(String column, String value) {
        if (value != null) {
            g.writeStringProperty(column, value);
        }
        return this;
    }

    RowWriter number(String column, long value) {
        g.writeNumberProperty(column, value);
        return this;
    }

    RowWriter number(String column, double value) {
        g.writeNumberProperty(column, value);
        return this;
    }

    RowWriter number(String column, Number value) {
        if (value != null) {
            g.writeName(column);
            if (value instanceof BigDecimal d) {
                g.writeNumber(d);
            } else {
                g.writeNumber(value.longValue());
            }
        }
        return this;
    }

    RowWriter nullValue(String column) {
        g.writeNullProperty(column);
        return this;
    }

    RowWriter time(String column, Instant value) {
        if (value != null) {
            g.writeName(column);
            g.writeString(format(value), 0, time.length);
        }
        return this;
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC, as DateTime64(3, 'UTC') reads it, without a formatter per row. */
    private char[] format(Instant at) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
        digits(0, 4, t.getYear());
        digits(5, 2, t.getMonthValue());
        digits(8, 2, t.getDayOfMonth());
        digits(11, 2, t.getHour());
        digits(14, 2, t.getMinute());
        digits(17, 2, t.getSecond());
        digits(20, 3, t.getNano() / 1_000_000);
        return time;
    }

    private void digits(int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            time[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

}
