package io.adplatform.offline.loader;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the fields one table needs from an event's JSON (as {@code common}'s {@code EventJson} writes it) by path —
 * {@code eventId}, {@code event.device.gaid} — in one pass over the token stream, without building the event: the
 * loader's hot path. Each value is checked for what its column takes and kept as the text ClickHouse reads: numbers as
 * written, decimals plain, times as {@code yyyy-MM-dd HH:mm:ss.SSS} UTC, enums only when one of their names. A value
 * that does not fit makes the record unreadable (counted and skipped), as databind refusing it would; unknown fields
 * are ignored, as {@code EventJson} ignores them.
 */
final class EventFields {

    /** What a field holds, and so how it is checked: integers against their column's range. */
    enum Kind {
        TEXT, INT64(Long.MIN_VALUE, Long.MAX_VALUE), UINT64(0, Long.MAX_VALUE), INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
        UINT32(0, 0xFFFF_FFFFL), UINT16(0, 0xFFFF), DOUBLE, DECIMAL, BOOL, TIME,
        /** {@code "1"} when the object at the path's parent is present (path {@code attribution.?}). */
        PRESENT;

        final long min;
        final long max;

        Kind() {
            this(0, -1);
        }

        Kind(long min, long max) {
            this.min = min;
            this.max = max;
        }

        boolean integer() {
            return max >= min;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    /** DateTime64's range: a time outside it would fail the whole insert. */
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2299;

    /** One level of the path tree: a field is either a value (its slot) or an object of further fields. */
    private static final class Level {
        final Map<String, Integer> slots = new HashMap<>();
        final Map<String, Level> objects = new HashMap<>();
        int presence = -1;
    }

    private final Level root = new Level();
    private final Kind[] kinds;
    private final Set<String>[] allowed;
    private final int size;

    /**
     * @param paths  dotted paths to read, in slot order
     * @param kinds  what each holds
     * @param enums  for enum fields (by path), the names allowed
     */
    @SuppressWarnings("unchecked")
    EventFields(List<String> paths, List<Kind> kinds, Map<String, Set<String>> enums) {
        this.size = paths.size();
        this.kinds = kinds.toArray(Kind[]::new);
        this.allowed = new Set[size];
        for (int i = 0; i < size; i++) {
            String[] parts = paths.get(i).split("\\.");
            Level level = root;
            for (int j = 0; j < parts.length - 1; j++) {
                level = level.objects.computeIfAbsent(parts[j], k -> new Level());
            }
            if (kinds.get(i) == Kind.PRESENT) {
                level.presence = i;
            } else {
                level.slots.put(parts[parts.length - 1], i);
            }
            allowed[i] = enums.get(paths.get(i));
        }
    }

    int size() {
        return size;
    }

    /** Fills {@code values} (nulls where absent); false when the record is not JSON or a value does not fit. */
    boolean read(byte[] json, String[] values) {
        java.util.Arrays.fill(values, null);
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            return object(p, root, values) && p.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private boolean object(JsonParser p, Level level, String[] values) {
        if (level.presence >= 0) {
            values[level.presence] = "1";
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            Integer slot = level.slots.get(name);
            if (slot != null) {
                if (v != JsonToken.VALUE_NULL) {
                    String value = value(p, v, kinds[slot]);
                    if (value == null || (allowed[slot] != null && !allowed[slot].contains(value))) {
                        return false;
                    }
                    values[slot] = value;
                }
                continue;
            }
            Level nested = level.objects.get(name);
            if (nested != null && v == JsonToken.START_OBJECT) {
                if (!object(p, nested, values)) {
                    return false;
                }
            } else if (nested != null && v != JsonToken.VALUE_NULL) {
                return false; // an object was expected
            } else {
                p.skipChildren();
            }
        }
        return t == JsonToken.END_OBJECT;
    }

    /** The value as its column's text, or null when it does not fit {@code kind}. */
    private static String value(JsonParser p, JsonToken t, Kind kind) {
        switch (kind) {
            case TEXT -> {
                return t == JsonToken.VALUE_STRING ? p.getString() : t.isScalarValue() ? p.getText() : null;
            }
            case INT64, UINT64, INT32, UINT32, UINT16 -> {
                long n;
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    JsonParser.NumberType type = p.getNumberType();
                    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                        return null;
                    }
                    n = p.getLongValue();
                } else if (t == JsonToken.VALUE_STRING) {
                    try {
                        n = Long.parseLong(p.getString());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                } else {
                    return null;
                }
                return n < kind.min || n > kind.max ? null : Long.toString(n);
            }
            case DOUBLE -> {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    double d = p.getDoubleValue();
                    return Double.isFinite(d) ? Double.toString(d) : null;
                }
                return null;
            }
            case DECIMAL -> {
                BigDecimal d;
                try {
                    d = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDecimalValue()
                            : t == JsonToken.VALUE_STRING ? new BigDecimal(p.getString()) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
                // Decimal(18, 6): six decimals at most, twelve digits before the point.
                return d == null || d.scale() > 6 || d.precision() - d.scale() > 12 ? null : d.toPlainString();
            }
            case BOOL -> {
                return t == JsonToken.VALUE_TRUE ? "1" : t == JsonToken.VALUE_FALSE ? "0" : null;
            }
            case TIME -> {
                return t == JsonToken.VALUE_STRING ? time(p.getString()) : null;
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /**
     * An ISO-8601 instant as DateTime64(3, 'UTC') text. {@code Instant.toString()}'s shape
     * ({@code 2026-11-20T09:15:30.25Z}) is rewritten in place; anything else goes through {@link Instant#parse}.
     */
    static String time(String s) {
        int n = s.length();
        if (n >= 20 && n <= 30 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z' && digits(s, 0, 4)
                && digits(s, 5, 7) && digits(s, 8, 10) && digits(s, 11, 13) && digits(s, 14, 16) && digits(s, 17, 19)
                && (n == 20 || (s.charAt(19) == '.' && n > 21 && digits(s, 20, n - 1)))
                && valid(s)) {
            char[] out = "0000-00-00 00:00:00.000".toCharArray();
            s.getChars(0, 19, out, 0);
            out[10] = ' ';
            for (int i = 20, j = 20; i < n - 1 && j < 23; i++, j++) {
                out[j] = s.charAt(i);
            }
            return new String(out);
        }
        try {
            Instant at = Instant.parse(s);
            LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
            if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
                return null;
            }
            return String.format("%04d-%02d-%02d %02d:%02d:%02d.%03d", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The fast path's fields are in range (month 1–12, day valid for the month, 23:59:59 at most). */
    private static boolean valid(String s) {
        int year = Integer.parseInt(s, 0, 4, 10);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return false;
        }
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        return Integer.parseInt(s, 11, 13, 10) < 24 && Integer.parseInt(s, 14, 16, 10) < 60
                && Integer.parseInt(s, 17, 19, 10) < 60;
    }
}
