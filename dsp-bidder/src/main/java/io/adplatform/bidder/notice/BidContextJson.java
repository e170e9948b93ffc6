package io.adplatform.bidder.notice;

import static io.adplatform.bidder.json.JsonOut.name;
import static io.adplatform.bidder.json.JsonOut.string;

import io.adplatform.bidder.json.JsonOut;
import io.adplatform.common.kafka.EventJson;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamReadException;

/**
 * A {@link BidContext} as the JSON the bid cache keeps in Redis, on Jackson's streaming API: every bid writes one and
 * every notice that misses the local cache reads one, and databind's reflective record access was a visible share of
 * the bid path's CPU.
 *
 * <p>The format is databind's with {@link EventJson#mapper()}, exactly: {@link #write} gives the same text (fields in
 * record order, null fields left out, doubles as the generator writes them, {@code features} as an array of ints), and
 * {@link #read} reads what either wrote — contexts already in Redis stay readable — with databind's rules: unknown
 * fields are skipped, absent or null text fields and {@code features} are null, and like Jackson 3's databind (which
 * fails on null for primitives) a context without one of its number fields is refused rather than read as 0. Scalars
 * are coerced as databind coerces them (a number to a String field as its text, a number in a String to a number
 * field, a fraction to an integer field by truncation); any other shape is refused with a {@link StreamReadException}.
 */
public final class BidContextJson {

    private static final TokenStreamFactory JSON = JsonOut.factory();

    private static final SerializableString BID_ID = name("bidId");
    private static final SerializableString REQUEST_ID = name("requestId");
    private static final SerializableString IMP_ID = name("impId");
    private static final SerializableString EXCHANGE = name("exchange");
    private static final SerializableString CAMPAIGN_ID = name("campaignId");
    private static final SerializableString CREATIVE_ID = name("creativeId");
    private static final SerializableString PRICE_MICROS = name("priceMicros");
    private static final SerializableString CURRENCY = name("currency");
    private static final SerializableString PCTR = name("pctr");
    private static final SerializableString USER_KEY = name("userKey");
    private static final SerializableString COUNTRY = name("country");
    private static final SerializableString SITE = name("site");
    private static final SerializableString PLACEMENT = name("placement");
    private static final SerializableString FEATURES = name("features");
    private static final SerializableString MODEL_VERSION = name("modelVersion");
    private static final SerializableString SHADING_CHOICE = name("shadingChoice");
    private static final SerializableString INSTANCE_ID = name("instanceId");
    private static final SerializableString CLICK_URL = name("clickUrl");
    private static final SerializableString BID_AT_MILLIS = name("bidAtMillis");

    /** The number fields a context must have, one bit each. */
    private static final int HAS_PRICE = 1;
    private static final int HAS_PCTR = 2;
    private static final int HAS_MODEL = 4;
    private static final int HAS_SHADING = 8;
    private static final int HAS_BID_AT = 16;
    private static final int HAS_ALL = 31;

    private BidContextJson() {
    }

    /** The context as UTF-8 JSON ({@code null} as the JSON {@code null}, as databind writes it). */
    public static byte[] write(BidContext context) {
        return JsonOut.bytes(context, BidContextJson::context);
    }

    /**
     * The context in {@code json}; null for the JSON {@code null} (as databind reads it).
     *
     * @throws tools.jackson.core.JacksonException when it is not JSON, or not a bid context
     */
    public static BidContext read(byte[] json) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
            JsonToken t = p.nextToken();
            BidContext context;
            if (t == JsonToken.START_OBJECT) {
                context = context(p);
            } else if (t == JsonToken.VALUE_NULL) {
                context = null;
            } else {
                throw new StreamReadException(p, t == null ? "no bid context: the text is empty"
                        : "a bid context is a JSON object, not " + t);
            }
            if (p.nextToken() != null) {
                throw new StreamReadException(p, "text after the bid context: " + p.currentToken());
            }
            return context;
        }
    }

    private static void context(JsonGenerator g, BidContext c) {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, BID_ID, c.bidId());
        string(g, REQUEST_ID, c.requestId());
        string(g, IMP_ID, c.impId());
        string(g, EXCHANGE, c.exchange());
        string(g, CAMPAIGN_ID, c.campaignId());
        string(g, CREATIVE_ID, c.creativeId());
        g.writeName(PRICE_MICROS);
        g.writeNumber(c.priceMicros());
        string(g, CURRENCY, c.currency());
        g.writeName(PCTR);
        g.writeNumber(c.pctr());
        string(g, USER_KEY, c.userKey());
        string(g, COUNTRY, c.country());
        string(g, SITE, c.site());
        string(g, PLACEMENT, c.placement());
        if (c.features() != null) {
            g.writeName(FEATURES);
            g.writeArray(c.features(), 0, c.features().length);
        }
        g.writeName(MODEL_VERSION);
        g.writeNumber(c.modelVersion());
        g.writeName(SHADING_CHOICE);
        g.writeNumber(c.shadingChoice());
        string(g, INSTANCE_ID, c.instanceId());
        string(g, CLICK_URL, c.clickUrl());
        g.writeName(BID_AT_MILLIS);
        g.writeNumber(c.bidAtMillis());
        g.writeEndObject();
    }


    /** The object's fields, the parser on its START_OBJECT; of a field given twice the last counts, as in databind. */
    private static BidContext context(JsonParser p) {
        String bidId = null;
        String requestId = null;
        String impId = null;
        String exchange = null;
        String campaignId = null;
        String creativeId = null;
        long priceMicros = 0;
        String currency = null;
        double pctr = 0;
        String userKey = null;
        String country = null;
        String site = null;
        String placement = null;
        int[] features = null;
        long modelVersion = 0;
        int shadingChoice = 0;
        String instanceId = null;
        String clickUrl = null;
        long bidAtMillis = 0;
        int has = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "bidId" -> bidId = text(p, t);
                case "requestId" -> requestId = text(p, t);
                case "impId" -> impId = text(p, t);
                case "exchange" -> exchange = text(p, t);
                case "campaignId" -> campaignId = text(p, t);
                case "creativeId" -> creativeId = text(p, t);
                case "priceMicros" -> {
                    priceMicros = longValue(p, t);
                    has |= HAS_PRICE;
                }
                case "currency" -> currency = text(p, t);
                case "pctr" -> {
                    pctr = doubleValue(p, t);
                    has |= HAS_PCTR;
                }
                case "userKey" -> userKey = text(p, t);
                case "country" -> country = text(p, t);
                case "site" -> site = text(p, t);
                case "placement" -> placement = text(p, t);
                case "features" -> features = ints(p, t);
                case "modelVersion" -> {
                    modelVersion = longValue(p, t);
                    has |= HAS_MODEL;
                }
                case "shadingChoice" -> {
                    shadingChoice = intValue(p, t);
                    has |= HAS_SHADING;
                }
                case "instanceId" -> instanceId = text(p, t);
                case "clickUrl" -> clickUrl = text(p, t);
                case "bidAtMillis" -> {
                    bidAtMillis = longValue(p, t);
                    has |= HAS_BID_AT;
                }
                default -> p.skipChildren(); // unknown: a newer writer's field
            }
        }
        if (has != HAS_ALL) {
            throw new StreamReadException(p, "the bid context lacks " + missing(has));
        }
        return new BidContext(bidId, requestId, impId, exchange, campaignId, creativeId, priceMicros, currency, pctr,
                userKey, country, site, placement, features, modelVersion, shadingChoice, instanceId, clickUrl,
                bidAtMillis);
    }

    /** A String field: text, or a scalar's text (databind reads {@code 1.50} into a String as "1.50"). */
    private static String text(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getString();
            case VALUE_NULL -> null;
            default -> throw wrongShape(p, t, "text");
        };
    }

    /** A long field: an integer (out of range refused), a fraction truncated, or a number in a String. */
    private static long longValue(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getLongValue();
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(p.getString().trim());
                } catch (NumberFormatException e) {
                    throw new StreamReadException(p, "not a long: " + p.getString(), e);
                }
            }
            default -> throw wrongShape(p, t, "a long");
        };
    }

    /** An int field or element: an integer (out of range refused), a fraction truncated, or a number in a String. */
    private static int intValue(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getIntValue();
            case VALUE_STRING -> {
                try {
                    yield Integer.parseInt(p.getString().trim());
                } catch (NumberFormatException e) {
                    throw new StreamReadException(p, "not an int: " + p.getString(), e);
                }
            }
            default -> throw wrongShape(p, t, "an int");
        };
    }

    /** A double field: any number, or a number in a String, including "NaN" and "Infinity" as databind reads them. */
    private static double doubleValue(JsonParser p, JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> parseDouble(p, p.getString());
            default -> throw wrongShape(p, t, "a double");
        };
    }

    private static double parseDouble(JsonParser p, String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Infinity", "INF":
                return Double.POSITIVE_INFINITY;
            case "-Infinity", "-INF":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        String number = text.trim();
        try {
            if (number.isEmpty() || number.equals("null")) {
                throw new NumberFormatException("no number");
            }
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new StreamReadException(p, "not a double: " + text, e);
        }
    }

    /** {@code features}: null, or an array of ints (a null element refused, as for any int). */
    private static int[] ints(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw wrongShape(p, t, "an array of ints");
        }
        int[] values = new int[16];
        int n = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = intValue(p, e);
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    private static StreamReadException wrongShape(JsonParser p, JsonToken t, String expected) {
        return new StreamReadException(p, "bid context field '" + p.currentName() + "' must be " + expected + ", not "
                + t);
    }

    private static String missing(int has) {
        StringBuilder names = new StringBuilder();
        String[] fields = {"priceMicros", "pctr", "modelVersion", "shadingChoice", "bidAtMillis"};
        for (int i = 0; i < fields.length; i++) {
            if ((has & (1 << i)) == 0) {
                names.append(names.length() == 0 ? "" : ", ").append(fields[i]);
            }
        }
        return names.toString();
    }

}
