package io.adplatform.bidder.openrtb;

import static io.adplatform.bidder.json.JsonOut.name;
import static io.adplatform.bidder.json.JsonOut.string;

import io.adplatform.bidder.json.JsonOut;
import io.adplatform.common.kafka.EventJson;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.JsonNode;

/**
 * Writes a {@link BidResponse} on Jackson's streaming generator, byte for byte what databind writes with
 * {@link EventJson#mapper()}: fields in record order, null fields left out (null list elements are written, as databind
 * does), prices with their exact digits ({@link BigDecimal#toString()}, as the generator writes them). Every bid
 * answers with one of these, and databind's reflective record access and serializer lookups were a visible share of the
 * bid path's CPU; here the field names are pre-encoded and nothing is looked up.
 *
 * <p>{@code ext} objects, which the bidder never sets today, are written by the mapper itself and spliced in, so any
 * JSON tree comes out exactly as before (a {@code NullNode} or {@code MissingNode} as {@code null}, like databind).
 */
public final class BidResponseWriter {


    private static final SerializableString ID = name("id");
    private static final SerializableString SEATBID = name("seatbid");
    private static final SerializableString BIDID = name("bidid");
    private static final SerializableString CUR = name("cur");
    private static final SerializableString CUSTOMDATA = name("customdata");
    private static final SerializableString NBR = name("nbr");
    private static final SerializableString EXT = name("ext");
    private static final SerializableString BID = name("bid");
    private static final SerializableString SEAT = name("seat");
    private static final SerializableString GROUP = name("group");
    private static final SerializableString IMPID = name("impid");
    private static final SerializableString PRICE = name("price");
    private static final SerializableString NURL = name("nurl");
    private static final SerializableString BURL = name("burl");
    private static final SerializableString LURL = name("lurl");
    private static final SerializableString ADM = name("adm");
    private static final SerializableString ADID = name("adid");
    private static final SerializableString ADOMAIN = name("adomain");
    private static final SerializableString BUNDLE = name("bundle");
    private static final SerializableString IURL = name("iurl");
    private static final SerializableString CID = name("cid");
    private static final SerializableString CRID = name("crid");
    private static final SerializableString TACTIC = name("tactic");
    private static final SerializableString CATTAX = name("cattax");
    private static final SerializableString CAT = name("cat");
    private static final SerializableString ATTR = name("attr");
    private static final SerializableString APIS = name("apis");
    private static final SerializableString API = name("api");
    private static final SerializableString PROTOCOL = name("protocol");
    private static final SerializableString QAGMEDIARATING = name("qagmediarating");
    private static final SerializableString LANGUAGE = name("language");
    private static final SerializableString LANGB = name("langb");
    private static final SerializableString DEALID = name("dealid");
    private static final SerializableString W = name("w");
    private static final SerializableString H = name("h");
    private static final SerializableString WRATIO = name("wratio");
    private static final SerializableString HRATIO = name("hratio");
    private static final SerializableString EXP = name("exp");
    private static final SerializableString DUR = name("dur");
    private static final SerializableString MTYPE = name("mtype");
    private static final SerializableString SLOTINPOD = name("slotinpod");

    private BidResponseWriter() {
    }

    /** The response as UTF-8 JSON ({@code null} as the JSON {@code null}, as databind writes it). */
    public static byte[] write(BidResponse response) {
        return JsonOut.bytes(response, BidResponseWriter::response);
    }

    private static void response(JsonGenerator g, BidResponse r) {
        if (r == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, ID, r.id());
        if (r.seatbid() != null) {
            g.writeName(SEATBID);
            g.writeStartArray();
            for (BidResponse.SeatBid s : r.seatbid()) {
                seatBid(g, s);
            }
            g.writeEndArray();
        }
        string(g, BIDID, r.bidid());
        string(g, CUR, r.cur());
        string(g, CUSTOMDATA, r.customdata());
        number(g, NBR, r.nbr());
        ext(g, r.ext());
        g.writeEndObject();
    }

    private static void seatBid(JsonGenerator g, BidResponse.SeatBid s) {
        if (s == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        if (s.bid() != null) {
            g.writeName(BID);
            g.writeStartArray();
            for (BidResponse.Bid b : s.bid()) {
                bid(g, b);
            }
            g.writeEndArray();
        }
        string(g, SEAT, s.seat());
        number(g, GROUP, s.group());
        ext(g, s.ext());
        g.writeEndObject();
    }

    private static void bid(JsonGenerator g, BidResponse.Bid b) {
        if (b == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        string(g, ID, b.id());
        string(g, IMPID, b.impid());
        if (b.price() != null) {
            g.writeName(PRICE);
            g.writeNumber(b.price());
        }
        string(g, NURL, b.nurl());
        string(g, BURL, b.burl());
        string(g, LURL, b.lurl());
        string(g, ADM, b.adm());
        string(g, ADID, b.adid());
        strings(g, ADOMAIN, b.adomain());
        string(g, BUNDLE, b.bundle());
        string(g, IURL, b.iurl());
        string(g, CID, b.cid());
        string(g, CRID, b.crid());
        string(g, TACTIC, b.tactic());
        number(g, CATTAX, b.cattax());
        strings(g, CAT, b.cat());
        numbers(g, ATTR, b.attr());
        numbers(g, APIS, b.apis());
        number(g, API, b.api());
        number(g, PROTOCOL, b.protocol());
        number(g, QAGMEDIARATING, b.qagmediarating());
        string(g, LANGUAGE, b.language());
        string(g, LANGB, b.langb());
        string(g, DEALID, b.dealid());
        number(g, W, b.w());
        number(g, H, b.h());
        number(g, WRATIO, b.wratio());
        number(g, HRATIO, b.hratio());
        number(g, EXP, b.exp());
        number(g, DUR, b.dur());
        number(g, MTYPE, b.mtype());
        number(g, SLOTINPOD, b.slotinpod());
        ext(g, b.ext());
        g.writeEndObject();
    }


    private static void number(JsonGenerator g, SerializableString name, Integer value) {
        if (value != null) {
            g.writeName(name);
            g.writeNumber(value.intValue());
        }
    }

    private static void strings(JsonGenerator g, SerializableString name, List<String> values) {
        if (values != null) {
            g.writeName(name);
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v); // a null element is written as null
            }
            g.writeEndArray();
        }
    }

    private static void numbers(JsonGenerator g, SerializableString name, List<Integer> values) {
        if (values != null) {
            g.writeName(name);
            g.writeStartArray();
            for (Integer v : values) {
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(v.intValue());
                }
            }
            g.writeEndArray();
        }
    }

    /** Any tree, written by the mapper: rare (the bidder sets none), and then exactly as databind writes it. */
    private static void ext(JsonGenerator g, JsonNode ext) {
        if (ext != null) {
            g.writeName(EXT);
            g.writeRawValue(EventJson.mapper().writeValueAsString(ext));
        }
    }

}
