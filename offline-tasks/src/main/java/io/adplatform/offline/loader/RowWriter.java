package io.adplatform.offline.loader;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one batch's rows as ClickHouse's TabSeparated format, the cheapest text format for ClickHouse to read: one
 * line per row, the table's columns in {@link StreamTable#columns()} order, escaped as TabSeparated escapes them.
 * Every value names its column, and a value for another column than the next one is refused at once: a mapping that
 * drifts from the column list fails its first test instead of shifting data. Rows are mapped from records already read
 * and checked, so a row is never left half-written.
 */
final class RowWriter {

    private static final byte[] NULL = {'\\', 'N'};

    private final List<String> columns;
    private byte[] buf = new byte[1 << 16];
    private int len;
    private int column;
    private int rows;

    RowWriter(List<String> columns) {
        this.columns = columns;
    }

    void beginRow() {
        column = 0;
    }

    void endRow() {
        if (column != columns.size()) {
            throw new IllegalStateException("row ended after " + column + " of " + columns.size() + " columns "
                    + columns);
        }
        buf[len - 1] = '\n'; // the last value's separator ends the line
        rows++;
    }

    int rows() {
        return rows;
    }

    long size() {
        return len;
    }

    /** The batch: every row, one per line. */
    byte[] finish() {
        return Arrays.copyOf(buf, len);
    }

    void clear() {
        // A batch's buffer grows to the batch's size; an idle partition must not keep megabytes of it.
        if (buf.length > (1 << 20)) {
            buf = new byte[1 << 16];
        }
        len = 0;
        rows = 0;
    }

    /** A String column; null is the empty string. */
    RowWriter string(String name, String value) {
        next(name);
        if (value != null) {
            escaped(value);
        }
        return separator();
    }

    RowWriter number(String name, long value) {
        next(name);
        ascii(Long.toString(value));
        return separator();
    }

    RowWriter number(String name, double value) {
        next(name);
        ascii(Double.toString(value));
        return separator();
    }

    /** A value already in the column's text form (a number, a time) and plain ASCII; null is {@code orElse}. */
    RowWriter plain(String name, String value, String orElse) {
        next(name);
        ascii(value == null ? orElse : value);
        return separator();
    }

    /** As {@link #plain}, for a Nullable column: null is NULL. */
    RowWriter nullable(String name, String value) {
        next(name);
        if (value == null) {
            raw(NULL);
        } else {
            ascii(value);
        }
        return separator();
    }

    /** A Decimal column; null is zero. */
    RowWriter decimal(String name, BigDecimal value) {
        next(name);
        ascii(value == null ? "0" : value.toPlainString());
        return separator();
    }

    /** A Nullable number column. */
    RowWriter nullableNumber(String name, Number value) {
        next(name);
        if (value == null) {
            raw(NULL);
        } else {
            ascii(Long.toString(value.longValue()));
        }
        return separator();
    }

    /** A DateTime64(3) column; null is allowed only where the column is Nullable. */
    RowWriter time(String name, Instant value) {
        next(name);
        if (value == null) {
            raw(NULL);
            return separator();
        }
        ensure(23);
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        digits(4, t.getYear());
        buf[len++] = '-';
        digits(2, t.getMonthValue());
        buf[len++] = '-';
        digits(2, t.getDayOfMonth());
        buf[len++] = ' ';
        digits(2, t.getHour());
        buf[len++] = ':';
        digits(2, t.getMinute());
        buf[len++] = ':';
        digits(2, t.getSecond());
        buf[len++] = '.';
        digits(3, t.getNano() / 1_000_000);
        return separator();
    }

    private void next(String name) {
        if (column >= columns.size() || !columns.get(column).equals(name)) {
            throw new IllegalStateException("column " + name + " written where " + (column < columns.size()
                    ? columns.get(column) : "no column") + " belongs");
        }
        column++;
    }

    private RowWriter separator() {
        ensure(1);
        buf[len++] = '\t';
        return this;
    }

    private void digits(int width, int value) {
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += width;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** UTF-8, with TabSeparated's escapes for backslash, tab, line feed, carriage return, NUL, backspace, form feed. */
    private void escaped(String s) {
        ensure(s.length() * 3 + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '\\') {
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                byte e = switch (c) {
                    case '\\' -> '\\';
                    case '\t' -> 't';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    case '\0' -> '0';
                    case '\b' -> 'b';
                    case '\f' -> 'f';
                    default -> 0;
                };
                if (e == 0) {
                    buf[len++] = (byte) c; // other control characters pass as they are
                } else {
                    buf[len++] = '\\';
                    buf[len++] = e;
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                char d = Character.isSurrogate(c) ? '\uFFFD' : c; // an unpaired surrogate is not text
                buf[len++] = (byte) (0xE0 | (d >> 12));
                buf[len++] = (byte) (0x80 | ((d >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (d & 0x3F));
            }
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
