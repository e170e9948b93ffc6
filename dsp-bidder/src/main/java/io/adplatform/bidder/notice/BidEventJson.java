package io.adplatform.bidder.notice;

import static io.adplatform.bidder.json.JsonOut.name;
import static io.adplatform.bidder.json.JsonOut.string;

import io.adplatform.bidder.json.JsonOut;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;

/**
 * Writes a {@link BidEvent} for {@code bid-events} on Jackson's streaming generator, byte for byte what databind writes
 * with {@link EventJson#mapper()}, so every consumer keeps reading it with the mapper:
 * fields in record order, null fields left out, {@code type} as its {@code toString()} (Jackson 3 writes enums so by
 * default), {@code pctr} as the generator writes doubles, {@code features} as an array of ints and {@code at} as
 * ISO-8601 text ({@link Instant#toString()}, which is what databind writes with timestamps disabled; formatted here
 * without the formatter's allocations). The bidder publishes one per bid and per notice; databind's reflective record
 * access was a visible share of the bid path's CPU.
 */
public final class BidEventJson {


    private static final SerializableString[] TYPES = types();
    /** {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_ISO_LENGTH = 30;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_SECOND_OF_0000 = -62_167_219_200L;
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;
    private static final SerializableString EVENT_ID = name("eventId");
    private static final SerializableString TYPE = name("type");
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
    private static final SerializableString BUNDLE_OR_DOMAIN = name("bundleOrDomain");
    private static final SerializableString FEATURES = name("features");
    private static final SerializableString MODEL_VERSION = name("modelVersion");
    private static final SerializableString LOSS_REASON = name("lossReason");
    private static final SerializableString AT = name("at");

    private BidEventJson() {
    }

    /** The event as UTF-8 JSON ({@code null} as the JSON {@code null}, as databind writes it). */
    public static byte[] write(BidEvent event) {
        return JsonOut.bytes(event, BidEventJson::event);
    }

    private static void event(JsonGenerator g, BidEvent e) {
        if (e == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, EVENT_ID, e.eventId());
        if (e.type() != null) {
            g.writeName(TYPE);
            g.writeString(TYPES[e.type().ordinal()]);
        }
        string(g, BID_ID, e.bidId());
        string(g, REQUEST_ID, e.requestId());
        string(g, IMP_ID, e.impId());
        string(g, EXCHANGE, e.exchange());
        string(g, CAMPAIGN_ID, e.campaignId());
        string(g, CREATIVE_ID, e.creativeId());
        g.writeName(PRICE_MICROS);
        g.writeNumber(e.priceMicros());
        string(g, CURRENCY, e.currency());
        g.writeName(PCTR);
        g.writeNumber(e.pctr());
        string(g, USER_KEY, e.userKey());
        string(g, COUNTRY, e.country());
        string(g, BUNDLE_OR_DOMAIN, e.bundleOrDomain());
        if (e.features() != null) {
            g.writeName(FEATURES);
            g.writeArray(e.features(), 0, e.features().length);
        }
        g.writeName(MODEL_VERSION);
        g.writeNumber(e.modelVersion());
        if (e.lossReason() != null) {
            g.writeName(LOSS_REASON);
            g.writeNumber(e.lossReason().intValue());
        }
        if (e.at() != null) {
            g.writeName(AT);
            char[] text = new char[MAX_ISO_LENGTH];
            int length = isoInstant(e.at(), text);
            if (length > 0) {
                g.writeString(text, 0, length);
            } else {
                g.writeString(e.at().toString());
            }
        }
        g.writeEndObject();
    }


    /**
     * {@code at} as {@link Instant#toString()} writes it ({@link java.time.format.DateTimeFormatter#ISO_INSTANT}:
     * {@code 2026-11-18T14:30:00Z}, fractions of a second in groups of three digits as needed) for the years 0000 to
     * 9999, into {@code out}, without the formatter's allocations; its length, or -1 for another year (the caller then
     * uses {@code toString()}, which writes a sign and more digits for those).
     */
    static int isoInstant(Instant at, char[] out) {
        long seconds = at.getEpochSecond();
        if (seconds < FIRST_SECOND_OF_0000 || seconds > LAST_SECOND_OF_9999) {
            return -1;
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // the proleptic Gregorian date of an epoch day, in 400-year eras (H. Hinnant's civil_from_days)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int end = 19;
        int nanos = at.getNano();
        if (nanos > 0) {
            out[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                end = digits(out, end, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                end = digits(out, end, nanos / 1000, 6);
            } else {
                end = digits(out, end, nanos, 9);
            }
        }
        out[end] = 'Z';
        return end + 1;
    }

    /** {@code value} (not negative) as {@code count} decimal digits, zero-padded, at {@code from}; the end. */
    private static int digits(char[] out, int from, int value, int count) {
        int v = value;
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return from + count;
    }

    /** Each type's text by ordinal, encoded once. */
    private static SerializableString[] types() {
        BidEvent.Type[] types = BidEvent.Type.values();
        SerializableString[] names = new SerializableString[types.length];
        for (BidEvent.Type t : types) {
            names[t.ordinal()] = name(t.toString());
        }
        return names;
    }

}
