package io.adplatform.bidder.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random values for the JSON writers' equivalence tests, from a seeded {@link Random} so a failure repeats: text that
 * needs escaping (quotes, backslashes, control characters, non-ASCII, emoji), decimals of every scale, extreme longs,
 * doubles Jackson writes in both notations, instants of every precision and era, and nulls wherever a field may be
 * null.
 */
public final class OddValues {

    private static final String[] STRINGS = {"", " ", "\"", "\\", "/", "\"quoted\" and \\back\\slashed\\", "\u0000",
            "\u0001\u001f\u007f", "\t\n\r\b\f", "é", "Ünïcödé ümlaut", "日本語のテキスト", "😀", "a😀b👍🏽c",
            "\u2028\u2029", "</script><script>alert(1)</script>", "${AUCTION_PRICE}", "null", "true", "1.50", "-0",
            "\uFEFFbom", "https://bid.example.com/notice/win?b=abc_-DEF&p=${AUCTION_PRICE}", "USD", "IAB22-1"};
    private static final double[] DOUBLES = {0.0, -0.0, 0.1, 1e-7, 2.0E-3, 1e-3, 1.0, 1e7, 9999999.0, 1.0E23, 2e22,
            0.30000000000000004, 123456789.123, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0.0123,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private static final long[] LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE + 1L,
            Integer.MIN_VALUE - 1L, 1_000_000, 1_700_000_000_123L};
    private static final int[] INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 300, 250};
    private static final String[] DECIMALS = {"0", "0.00", "1E+3", "-0.000001", "0.5", "1.50", "1234.567890",
            "123456789012345678901234567890.123456789", "1E-20", "-9.99", "2.5E+10"};
    private static final String[] INSTANTS = {"1970-01-01T00:00:00Z", "2026-11-18T14:30:00Z",
            "2026-11-18T14:30:00.100Z", "2026-11-18T14:30:00.120Z", "2026-11-18T14:30:00.000001Z",
            "1969-12-31T23:59:59.999999999Z", "-0001-01-01T00:00:00Z", "+12345-06-07T08:09:10.5Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"};

    private final Random random;

    public OddValues(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Null one time in five, else {@link #string()}. */
    public String nullableString() {
        return chance(0.2) ? null : string();
    }

    public String string() {
        if (chance(0.3)) {
            return pick(STRINGS);
        }
        int length = random.nextInt(40);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> s.append((char) random.nextInt(0x20)); // control
                case 1 -> s.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> s.append((char) (0xA0 + random.nextInt(0x60))); // Latin-1
                case 3 -> s.append((char) (0x4E00 + random.nextInt(0x5000))); // CJK
                case 4 -> s.appendCodePoint(0x1F300 + random.nextInt(0x300)); // emoji: surrogate pairs
                case 5 -> s.append(random.nextBoolean() ? '\u2028' : '\u007f');
                default -> s.append((char) (0x20 + random.nextInt(0x5F))); // printable ASCII
            }
        }
        return s.toString();
    }

    public BigDecimal nullableDecimal() {
        return chance(0.15) ? null : decimal();
    }

    public BigDecimal decimal() {
        return switch (random.nextInt(4)) {
            case 0 -> new BigDecimal(pick(DECIMALS));
            case 1 -> BigDecimal.valueOf(random.nextInt(50_000_000), 6).stripTrailingZeros(); // CPM from micros
            default -> {
                BigInteger unscaled = new BigInteger(1 + random.nextInt(100), random);
                yield new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(40) - 12);
            }
        };
    }

    public double doubleValue() {
        return switch (random.nextInt(4)) {
            case 0 -> DOUBLES[random.nextInt(DOUBLES.length)];
            case 1 -> random.nextDouble();
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            default -> {
                double d = Double.longBitsToDouble(random.nextLong());
                yield Double.isNaN(d) ? 0.25 : d;
            }
        };
    }

    public long longValue() {
        return switch (random.nextInt(3)) {
            case 0 -> LONGS[random.nextInt(LONGS.length)];
            case 1 -> random.nextLong();
            default -> random.nextInt(2_000_001) - 1_000_000;
        };
    }

    public int intValue() {
        return random.nextBoolean() ? INTS[random.nextInt(INTS.length)] : random.nextInt();
    }

    public Integer nullableInt() {
        return chance(0.3) ? null : random.nextBoolean() ? intValue() : random.nextInt(1000);
    }

    /** Null, empty or up to 20 ints (a model's hashed features). */
    public int[] ints() {
        if (chance(0.15)) {
            return null;
        }
        int[] values = new int[chance(0.1) ? 0 : 1 + random.nextInt(20)];
        for (int i = 0; i < values.length; i++) {
            values[i] = intValue();
        }
        return values;
    }

    public Instant nullableInstant() {
        if (chance(0.15)) {
            return null;
        }
        if (chance(0.3)) {
            return Instant.parse(pick(INSTANTS));
        }
        long seconds = random.nextLong() % 400_000_000_000L;
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Null, empty or a few strings, now and then a null among them. */
    public List<String> strings() {
        if (chance(0.3)) {
            return null;
        }
        int n = chance(0.15) ? 0 : 1 + random.nextInt(4);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(chance(0.05) ? null : string());
        }
        return values;
    }

    /** Null, empty or a few ints, now and then a null among them. */
    public List<Integer> integers() {
        if (chance(0.3)) {
            return null;
        }
        int n = chance(0.15) ? 0 : 1 + random.nextInt(5);
        List<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(chance(0.05) ? null : intValue());
        }
        return values;
    }

    /** An OpenRTB {@code ext}: mostly absent, else null/missing nodes, scalars or nested objects and arrays. */
    public JsonNode ext() {
        if (chance(0.6)) {
            return null;
        }
        return switch (random.nextInt(6)) {
            case 0 -> NullNode.getInstance();
            case 1 -> MissingNode.getInstance();
            case 2 -> scalar();
            default -> object(2);
        };
    }

    private ObjectNode object(int depth) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            o.set(i + string(), node(depth));
        }
        return o;
    }

    private JsonNode node(int depth) {
        int kind = random.nextInt(depth > 0 ? 4 : 2);
        return switch (kind) {
            case 0, 1 -> scalar();
            case 2 -> object(depth - 1);
            default -> {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(node(depth - 1));
                }
                yield a;
            }
        };
    }

    private JsonNode scalar() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(7)) {
            case 0 -> f.stringNode(string());
            case 1 -> f.numberNode(intValue());
            case 2 -> f.numberNode(longValue());
            case 3 -> f.numberNode(decimal());
            case 4 -> f.numberNode(doubleValue());
            case 5 -> f.booleanNode(random.nextBoolean());
            default -> f.nullNode();
        };
    }

    public <T extends Enum<T>> T nullableEnum(Class<T> type) {
        T[] values = type.getEnumConstants();
        return chance(0.1) ? null : values[random.nextInt(values.length)];
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
