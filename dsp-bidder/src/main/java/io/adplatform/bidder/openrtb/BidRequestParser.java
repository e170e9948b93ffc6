package io.adplatform.bidder.openrtb;

import io.adplatform.bidder.openrtb.BidRequest.App;
import io.adplatform.bidder.openrtb.BidRequest.Banner;
import io.adplatform.bidder.openrtb.BidRequest.Data;
import io.adplatform.bidder.openrtb.BidRequest.Deal;
import io.adplatform.bidder.openrtb.BidRequest.Device;
import io.adplatform.bidder.openrtb.BidRequest.Format;
import io.adplatform.bidder.openrtb.BidRequest.Geo;
import io.adplatform.bidder.openrtb.BidRequest.Imp;
import io.adplatform.bidder.openrtb.BidRequest.Native;
import io.adplatform.bidder.openrtb.BidRequest.Pmp;
import io.adplatform.bidder.openrtb.BidRequest.Publisher;
import io.adplatform.bidder.openrtb.BidRequest.Regs;
import io.adplatform.bidder.openrtb.BidRequest.Segment;
import io.adplatform.bidder.openrtb.BidRequest.Site;
import io.adplatform.bidder.openrtb.BidRequest.Source;
import io.adplatform.bidder.openrtb.BidRequest.User;
import io.adplatform.bidder.openrtb.BidRequest.Video;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads an OpenRTB 2.6 bid request straight from Jackson's token stream into {@link BidRequest}'s records.
 *
 * <p>Why by hand: databind builds records through method handles and looks up a deserializer per property, which was
 * a large share of the bidder's CPU per request; here every field is one {@code switch} case and one small static
 * method. The result must be exactly what the databind reader gave ({@code FAIL_ON_UNKNOWN_PROPERTIES} off,
 * {@code USE_BIG_DECIMAL_FOR_FLOATS} on, Jackson 3's defaults otherwise), so the rules below are databind's own:
 * <ul>
 *   <li>unknown fields are skipped; JSON {@code null} is {@code null} ({@link tools.jackson.databind.node.NullNode}
 *       for a {@link JsonNode}, as databind gives); a repeated field keeps its last value; lists are
 *       {@link ArrayList}s;</li>
 *   <li>{@code Integer}/{@code Long}: a float is truncated (300.0 → 300, 1.5 → 1), a string is trimmed and parsed
 *       ("300", " 300"), an empty or blank string and the string "null" are {@code null}; booleans, objects and
 *       arrays are refused; a number out of range is a stream error, as in databind (see below);</li>
 *   <li>{@code BigDecimal}: the parser's decimal value, so 0.50 keeps its scale; strings as for integers;</li>
 *   <li>{@code Double}: numbers and numeric strings, plus "NaN", "Infinity", "-Infinity", "INF" and "-INF";</li>
 *   <li>{@code String}: a number or boolean becomes its JSON text ("1.50", "true");</li>
 *   <li>{@link JsonNode} fields read as a tree by the same mapper's own tree reader, so floats are
 *       {@link tools.jackson.databind.node.DecimalNode}s exactly as before.</li>
 * </ul>
 * A value of the wrong type fails as {@link InvalidBidRequest} naming the field the way
 * {@link io.adplatform.common.web.JsonPaths} named databind's path ({@code imp[0].banner.w}); a stream error (malformed
 * JSON, or a number that does not fit, which Jackson reports as an input coercion error of the stream) is
 * "body is not valid JSON"; a document that is not one JSON object is "body is not a bid request object".
 * {@code BidRequestParserTest} holds every field of every record against the databind reader.
 *
 * <p>One deliberate difference: given an array starting with a scalar as an element of a string list
 * ({@code "cur":["USD",["EUR"]]}), databind (3.1.5) took the scalar as the element and then read on from inside that
 * array, out of step with the document — ending in a refusal of the whole body, or in records that are not in the JSON
 * (a {@code "mimes":[[""],"x"]} gave an impression three). Here such an element is refused, naming it
 * ({@code cur[1]}), like any other value of the wrong type.
 */
public final class BidRequestParser {

    /** The databind reader's settings: the parser comes from this mapper's factory, JSON trees from its reader. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Trees in the middle of the document: the value ends where the request goes on, so no trailing-token check. */
    private static final ObjectReader TREE = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = MAPPER.deserializationConfig().getNodeFactory();

    private BidRequestParser() {
    }

    /**
     * The request in {@code json} (UTF-8, or any encoding Jackson detects), not yet validated.
     *
     * @throws InvalidBidRequest (400) naming the field of the wrong type, or {@code body} when the JSON is malformed
     *                           or not an object
     */
    public static BidRequest parse(byte[] json) {
        // straight from the factory: no databind context per request (the mapper's stream settings are the defaults)
        try (JsonParser p = MAPPER.tokenStreamFactory().createParser(ObjectReadContext.empty(), json)) {
            return document(p);
        } catch (WrongType e) {
            throw e.field.isEmpty() ? BidRequestReader.invalid(400, "body", "is not a bid request object")
                    : BidRequestReader.invalid(400, e.field, "has the wrong type or format");
        } catch (JacksonException e) {
            throw BidRequestReader.invalid(400, "body", "is not valid JSON");
        }
    }

    /** One JSON object and nothing after it, as databind's {@code FAIL_ON_TRAILING_TOKENS} (on in Jackson 3). */
    private static BidRequest document(JsonParser p) {
        JsonToken first = p.nextToken();
        if (first == JsonToken.VALUE_NULL) {
            p.nextToken(); // databind read null, then looked for trailing tokens: "null x" is malformed JSON
            throw new WrongType("");
        }
        if (first != JsonToken.START_OBJECT) {
            throw first == null ? new WrongType("") : notAContainer(p);
        }
        BidRequest request = bidRequest(p);
        if (p.nextToken() != null) {
            throw wrongType(p);
        }
        return request;
    }

    /*
     * Values. Each method is called on the value's first token and leaves the parser on its last.
     */

    private static String string(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t.isScalarValue()) { // a number or a boolean: its JSON text
            return p.getValueAsString();
        }
        throw wrongType(p);
    }

    private static Integer integer(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue(); // out of int range: InputCoercionException, a stream error, as in databind
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getValueAsInt(); // ACCEPT_FLOAT_AS_INT (on by default): truncated
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p);
        }
        String text = numberText(p.getString());
        if (text == null) {
            return null;
        }
        try {
            if (text.length() > 9) {
                long value = NumberInput.parseLong(text);
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw wrongType(p);
                }
                return (int) value;
            }
            return NumberInput.parseInt(text);
        } catch (IllegalArgumentException e) {
            throw wrongType(p);
        }
    }

    private static Long longValue(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getValueAsLong();
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p);
        }
        String text = numberText(p.getString());
        if (text == null) {
            return null;
        }
        try {
            return NumberInput.parseLong(text);
        } catch (IllegalArgumentException e) {
            throw wrongType(p);
        }
    }

    private static BigDecimal decimal(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDecimalValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p);
        }
        String text = numberText(p.getString());
        if (text == null) {
            return null;
        }
        if (NumberInput.looksLikeValidNumber(text)) {
            p.streamReadConstraints().validateFPLength(text.length());
            try {
                return NumberInput.parseBigDecimal(text, p.isEnabled(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER));
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw wrongType(p);
    }

    private static Double doubleValue(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p);
        }
        String raw = p.getString();
        switch (raw) { // JSON has no number for these, so databind takes them as text, before trimming
            case "NaN":
                return Double.NaN;
            case "Infinity", "INF":
                return Double.POSITIVE_INFINITY;
            case "-Infinity", "-INF":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        String text = numberText(raw);
        if (text == null) {
            return null;
        }
        if (NumberInput.looksLikeValidNumber(text)) {
            p.streamReadConstraints().validateFPLength(text.length());
            try {
                return NumberInput.parseDouble(text, p.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw wrongType(p);
    }

    /** Any JSON value; strings and nulls (the common cases: a native request) without the tree reader. */
    private static JsonNode node(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return NODES.stringNode(p.getString());
        }
        if (t == JsonToken.VALUE_NULL) {
            return NODES.nullNode();
        }
        return TREE.readValue(p);
    }

    /** A list of scalars or trees; {@code element} reads one element, JSON null included. */
    private static <T> List<T> list(JsonParser p, Function<JsonParser, T> element) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            List<T> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(element.apply(p));
            }
            return out;
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw notAContainer(p);
    }

    /** A list of records; a JSON null element is a {@code null} element. */
    private static <T> List<T> objects(JsonParser p, Function<JsonParser, T> record) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            List<T> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(object(p, record));
            }
            return out;
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw notAContainer(p);
    }

    /** A record, read by {@code record} from its {@code START_OBJECT}. */
    private static <T> T object(JsonParser p, Function<JsonParser, T> record) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return record.apply(p);
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw notAContainer(p);
    }

    /**
     * Databind's text-to-number preamble: an empty or blank string (every character a space or control character) is
     * {@code null}; the rest is trimmed, and then the text "null" is {@code null} too.
     */
    private static String numberText(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > ' ') {
                String trimmed = text.trim();
                return trimmed.equals("null") ? null : trimmed;
            }
        }
        return null;
    }

    /*
     * Refusals. Databind decodes a string before it refuses it as an object or a list (the parser decodes a string only
     * when asked), so a malformed string there ("\q") is a stream error, not a wrong type: so here.
     */

    /** Some other value where a record's object or a list's array belongs. */
    private static WrongType notAContainer(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            p.getString();
        }
        return wrongType(p);
    }

    /** The value at the parser's position refused, named as {@code JsonPaths} names databind's path. */
    private static WrongType wrongType(JsonParser p) {
        TokenStreamContext at = p.streamReadContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            at = at.getParent(); // the value's own context is open already: name it from where it stands
        }
        StringBuilder field = new StringBuilder();
        appendPath(at, field);
        return new WrongType(field.toString());
    }

    private static void appendPath(TokenStreamContext at, StringBuilder out) {
        if (at == null || at.inRoot()) {
            return;
        }
        appendPath(at.getParent(), out);
        if (at.inObject()) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(at.currentName());
        } else {
            out.append('[').append(at.getCurrentIndex()).append(']');
        }
    }

    /** A value of the wrong type at {@code field} ({@code ""}: the document itself); no stack trace, it is routine. */
    private static final class WrongType extends RuntimeException {

        private final String field;

        WrongType(String field) {
            super(field, null, false, false);
            this.field = field;
        }
    }

    /*
     * Records, one method each, every field of BidRequest.java by its JSON name.
     */

    /** §3.2.1: the fields of {@link BidRequest}, the current token being its {@code START_OBJECT}. */
    private static BidRequest bidRequest(JsonParser p) {
        String id = null;
        List<Imp> imp = null;
        Site site = null;
        App app = null;
        Device device = null;
        User user = null;
        Integer test = null;
        Integer at = null;
        Integer tmax = null;
        List<String> wseat = null;
        List<String> bseat = null;
        Integer allimps = null;
        List<String> cur = null;
        List<String> wlang = null;
        List<String> bcat = null;
        Integer cattax = null;
        List<String> badv = null;
        List<String> bapp = null;
        Source source = null;
        Regs regs = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "imp" -> imp = objects(p, BidRequestParser::imp);
                case "site" -> site = object(p, BidRequestParser::site);
                case "app" -> app = object(p, BidRequestParser::app);
                case "device" -> device = object(p, BidRequestParser::device);
                case "user" -> user = object(p, BidRequestParser::user);
                case "test" -> test = integer(p);
                case "at" -> at = integer(p);
                case "tmax" -> tmax = integer(p);
                case "wseat" -> wseat = list(p, BidRequestParser::string);
                case "bseat" -> bseat = list(p, BidRequestParser::string);
                case "allimps" -> allimps = integer(p);
                case "cur" -> cur = list(p, BidRequestParser::string);
                case "wlang" -> wlang = list(p, BidRequestParser::string);
                case "bcat" -> bcat = list(p, BidRequestParser::string);
                case "cattax" -> cattax = integer(p);
                case "badv" -> badv = list(p, BidRequestParser::string);
                case "bapp" -> bapp = list(p, BidRequestParser::string);
                case "source" -> source = object(p, BidRequestParser::source);
                case "regs" -> regs = object(p, BidRequestParser::regs);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new BidRequest(id, imp, site, app, device, user, test, at, tmax, wseat, bseat, allimps, cur, wlang,
                bcat, cattax, badv, bapp, source, regs, ext);
    }

    /** §3.2.4: the fields of {@link BidRequest.Imp}, the current token being its {@code START_OBJECT}. */
    private static Imp imp(JsonParser p) {
        String id = null;
        List<JsonNode> metric = null;
        Banner banner = null;
        Video video = null;
        JsonNode audio = null;
        Native nativeAd = null;
        Pmp pmp = null;
        String displaymanager = null;
        String displaymanagerver = null;
        Integer instl = null;
        String tagid = null;
        BigDecimal bidfloor = null;
        String bidfloorcur = null;
        Integer clickbrowser = null;
        Integer secure = null;
        List<String> iframebuster = null;
        Integer rwdd = null;
        Integer ssai = null;
        Integer exp = null;
        JsonNode qty = null;
        Long dt = null;
        JsonNode refresh = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "metric" -> metric = list(p, BidRequestParser::node);
                case "banner" -> banner = object(p, BidRequestParser::banner);
                case "video" -> video = object(p, BidRequestParser::video);
                case "audio" -> audio = node(p);
                case "native" -> nativeAd = object(p, BidRequestParser::nativeAd);
                case "pmp" -> pmp = object(p, BidRequestParser::pmp);
                case "displaymanager" -> displaymanager = string(p);
                case "displaymanagerver" -> displaymanagerver = string(p);
                case "instl" -> instl = integer(p);
                case "tagid" -> tagid = string(p);
                case "bidfloor" -> bidfloor = decimal(p);
                case "bidfloorcur" -> bidfloorcur = string(p);
                case "clickbrowser" -> clickbrowser = integer(p);
                case "secure" -> secure = integer(p);
                case "iframebuster" -> iframebuster = list(p, BidRequestParser::string);
                case "rwdd" -> rwdd = integer(p);
                case "ssai" -> ssai = integer(p);
                case "exp" -> exp = integer(p);
                case "qty" -> qty = node(p);
                case "dt" -> dt = longValue(p);
                case "refresh" -> refresh = node(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Imp(id, metric, banner, video, audio, nativeAd, pmp, displaymanager, displaymanagerver, instl,
                tagid, bidfloor, bidfloorcur, clickbrowser, secure, iframebuster, rwdd, ssai, exp, qty, dt, refresh,
                ext);
    }

    /** §3.2.6: the fields of {@link BidRequest.Banner}, the current token being its {@code START_OBJECT}. */
    private static Banner banner(JsonParser p) {
        List<Format> format = null;
        Integer w = null;
        Integer h = null;
        List<Integer> btype = null;
        List<Integer> battr = null;
        Integer pos = null;
        List<String> mimes = null;
        Integer topframe = null;
        List<Integer> expdir = null;
        List<Integer> api = null;
        String id = null;
        Integer vcm = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "format" -> format = objects(p, BidRequestParser::format);
                case "w" -> w = integer(p);
                case "h" -> h = integer(p);
                case "btype" -> btype = list(p, BidRequestParser::integer);
                case "battr" -> battr = list(p, BidRequestParser::integer);
                case "pos" -> pos = integer(p);
                case "mimes" -> mimes = list(p, BidRequestParser::string);
                case "topframe" -> topframe = integer(p);
                case "expdir" -> expdir = list(p, BidRequestParser::integer);
                case "api" -> api = list(p, BidRequestParser::integer);
                case "id" -> id = string(p);
                case "vcm" -> vcm = integer(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Banner(format, w, h, btype, battr, pos, mimes, topframe, expdir, api, id, vcm, ext);
    }

    /** §3.2.10: the fields of {@link BidRequest.Format}, the current token being its {@code START_OBJECT}. */
    private static Format format(JsonParser p) {
        Integer w = null;
        Integer h = null;
        Integer wratio = null;
        Integer hratio = null;
        Integer wmin = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "w" -> w = integer(p);
                case "h" -> h = integer(p);
                case "wratio" -> wratio = integer(p);
                case "hratio" -> hratio = integer(p);
                case "wmin" -> wmin = integer(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Format(w, h, wratio, hratio, wmin, ext);
    }

    /** §3.2.7: the fields of {@link BidRequest.Video}, the current token being its {@code START_OBJECT}. */
    private static Video video(JsonParser p) {
        List<String> mimes = null;
        Integer minduration = null;
        Integer maxduration = null;
        Integer startdelay = null;
        Integer maxseq = null;
        Integer poddur = null;
        List<Integer> protocols = null;
        Integer w = null;
        Integer h = null;
        String podid = null;
        Integer podseq = null;
        List<Integer> rqddurs = null;
        Integer placement = null;
        Integer plcmt = null;
        Integer linearity = null;
        Integer skip = null;
        Integer skipmin = null;
        Integer skipafter = null;
        Integer sequence = null;
        Integer slotinpod = null;
        BigDecimal mincpmpersec = null;
        List<Integer> battr = null;
        Integer maxextended = null;
        Integer minbitrate = null;
        Integer maxbitrate = null;
        Integer boxingallowed = null;
        List<Integer> playbackmethod = null;
        Integer playbackend = null;
        List<Integer> delivery = null;
        Integer pos = null;
        List<Banner> companionad = null;
        List<Integer> api = null;
        List<Integer> companiontype = null;
        List<Integer> poddedupe = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "mimes" -> mimes = list(p, BidRequestParser::string);
                case "minduration" -> minduration = integer(p);
                case "maxduration" -> maxduration = integer(p);
                case "startdelay" -> startdelay = integer(p);
                case "maxseq" -> maxseq = integer(p);
                case "poddur" -> poddur = integer(p);
                case "protocols" -> protocols = list(p, BidRequestParser::integer);
                case "w" -> w = integer(p);
                case "h" -> h = integer(p);
                case "podid" -> podid = string(p);
                case "podseq" -> podseq = integer(p);
                case "rqddurs" -> rqddurs = list(p, BidRequestParser::integer);
                case "placement" -> placement = integer(p);
                case "plcmt" -> plcmt = integer(p);
                case "linearity" -> linearity = integer(p);
                case "skip" -> skip = integer(p);
                case "skipmin" -> skipmin = integer(p);
                case "skipafter" -> skipafter = integer(p);
                case "sequence" -> sequence = integer(p);
                case "slotinpod" -> slotinpod = integer(p);
                case "mincpmpersec" -> mincpmpersec = decimal(p);
                case "battr" -> battr = list(p, BidRequestParser::integer);
                case "maxextended" -> maxextended = integer(p);
                case "minbitrate" -> minbitrate = integer(p);
                case "maxbitrate" -> maxbitrate = integer(p);
                case "boxingallowed" -> boxingallowed = integer(p);
                case "playbackmethod" -> playbackmethod = list(p, BidRequestParser::integer);
                case "playbackend" -> playbackend = integer(p);
                case "delivery" -> delivery = list(p, BidRequestParser::integer);
                case "pos" -> pos = integer(p);
                case "companionad" -> companionad = objects(p, BidRequestParser::banner);
                case "api" -> api = list(p, BidRequestParser::integer);
                case "companiontype" -> companiontype = list(p, BidRequestParser::integer);
                case "poddedupe" -> poddedupe = list(p, BidRequestParser::integer);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Video(mimes, minduration, maxduration, startdelay, maxseq, poddur, protocols, w, h, podid, podseq,
                rqddurs, placement, plcmt, linearity, skip, skipmin, skipafter, sequence, slotinpod, mincpmpersec,
                battr, maxextended, minbitrate, maxbitrate, boxingallowed, playbackmethod, playbackend, delivery, pos,
                companionad, api, companiontype, poddedupe, ext);
    }

    /** §3.2.9: the fields of {@link BidRequest.Native}, the current token being its {@code START_OBJECT}. */
    private static Native nativeAd(JsonParser p) {
        JsonNode request = null;
        String ver = null;
        List<Integer> api = null;
        List<Integer> battr = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "request" -> request = node(p);
                case "ver" -> ver = string(p);
                case "api" -> api = list(p, BidRequestParser::integer);
                case "battr" -> battr = list(p, BidRequestParser::integer);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Native(request, ver, api, battr, ext);
    }

    /** §3.2.11: the fields of {@link BidRequest.Pmp}, the current token being its {@code START_OBJECT}. */
    private static Pmp pmp(JsonParser p) {
        Integer private_auction = null;
        List<Deal> deals = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "private_auction" -> private_auction = integer(p);
                case "deals" -> deals = objects(p, BidRequestParser::deal);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Pmp(private_auction, deals, ext);
    }

    /** §3.2.12: the fields of {@link BidRequest.Deal}, the current token being its {@code START_OBJECT}. */
    private static Deal deal(JsonParser p) {
        String id = null;
        BigDecimal bidfloor = null;
        String bidfloorcur = null;
        Integer at = null;
        List<String> wseat = null;
        List<String> wadomain = null;
        Integer guar = null;
        BigDecimal mincpmpersec = null;
        Integer durfloors = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "bidfloor" -> bidfloor = decimal(p);
                case "bidfloorcur" -> bidfloorcur = string(p);
                case "at" -> at = integer(p);
                case "wseat" -> wseat = list(p, BidRequestParser::string);
                case "wadomain" -> wadomain = list(p, BidRequestParser::string);
                case "guar" -> guar = integer(p);
                case "mincpmpersec" -> mincpmpersec = decimal(p);
                case "durfloors" -> durfloors = integer(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Deal(id, bidfloor, bidfloorcur, at, wseat, wadomain, guar, mincpmpersec, durfloors, ext);
    }

    /** §3.2.13: the fields of {@link BidRequest.Site}, the current token being its {@code START_OBJECT}. */
    private static Site site(JsonParser p) {
        String id = null;
        String name = null;
        String domain = null;
        Integer cattax = null;
        List<String> cat = null;
        List<String> sectioncat = null;
        List<String> pagecat = null;
        String page = null;
        String ref = null;
        String search = null;
        Integer mobile = null;
        Integer privacypolicy = null;
        Publisher publisher = null;
        JsonNode content = null;
        String keywords = null;
        List<String> kwarray = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "name" -> name = string(p);
                case "domain" -> domain = string(p);
                case "cattax" -> cattax = integer(p);
                case "cat" -> cat = list(p, BidRequestParser::string);
                case "sectioncat" -> sectioncat = list(p, BidRequestParser::string);
                case "pagecat" -> pagecat = list(p, BidRequestParser::string);
                case "page" -> page = string(p);
                case "ref" -> ref = string(p);
                case "search" -> search = string(p);
                case "mobile" -> mobile = integer(p);
                case "privacypolicy" -> privacypolicy = integer(p);
                case "publisher" -> publisher = object(p, BidRequestParser::publisher);
                case "content" -> content = node(p);
                case "keywords" -> keywords = string(p);
                case "kwarray" -> kwarray = list(p, BidRequestParser::string);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Site(id, name, domain, cattax, cat, sectioncat, pagecat, page, ref, search, mobile, privacypolicy,
                publisher, content, keywords, kwarray, ext);
    }

    /** §3.2.14: the fields of {@link BidRequest.App}, the current token being its {@code START_OBJECT}. */
    private static App app(JsonParser p) {
        String id = null;
        String name = null;
        String bundle = null;
        String domain = null;
        String storeurl = null;
        Integer cattax = null;
        List<String> cat = null;
        List<String> sectioncat = null;
        List<String> pagecat = null;
        String ver = null;
        Integer privacypolicy = null;
        Integer paid = null;
        Publisher publisher = null;
        JsonNode content = null;
        String keywords = null;
        List<String> kwarray = null;
        String inventorypartnerdomain = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "name" -> name = string(p);
                case "bundle" -> bundle = string(p);
                case "domain" -> domain = string(p);
                case "storeurl" -> storeurl = string(p);
                case "cattax" -> cattax = integer(p);
                case "cat" -> cat = list(p, BidRequestParser::string);
                case "sectioncat" -> sectioncat = list(p, BidRequestParser::string);
                case "pagecat" -> pagecat = list(p, BidRequestParser::string);
                case "ver" -> ver = string(p);
                case "privacypolicy" -> privacypolicy = integer(p);
                case "paid" -> paid = integer(p);
                case "publisher" -> publisher = object(p, BidRequestParser::publisher);
                case "content" -> content = node(p);
                case "keywords" -> keywords = string(p);
                case "kwarray" -> kwarray = list(p, BidRequestParser::string);
                case "inventorypartnerdomain" -> inventorypartnerdomain = string(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new App(id, name, bundle, domain, storeurl, cattax, cat, sectioncat, pagecat, ver, privacypolicy, paid,
                publisher, content, keywords, kwarray, inventorypartnerdomain, ext);
    }

    /** §3.2.15: the fields of {@link BidRequest.Publisher}, the current token being its {@code START_OBJECT}. */
    private static Publisher publisher(JsonParser p) {
        String id = null;
        String name = null;
        Integer cattax = null;
        List<String> cat = null;
        String domain = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "name" -> name = string(p);
                case "cattax" -> cattax = integer(p);
                case "cat" -> cat = list(p, BidRequestParser::string);
                case "domain" -> domain = string(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Publisher(id, name, cattax, cat, domain, ext);
    }

    /** §3.2.18: the fields of {@link BidRequest.Device}, the current token being its {@code START_OBJECT}. */
    private static Device device(JsonParser p) {
        Geo geo = null;
        Integer dnt = null;
        Integer lmt = null;
        String ua = null;
        JsonNode sua = null;
        String ip = null;
        String ipv6 = null;
        Integer devicetype = null;
        String make = null;
        String model = null;
        String os = null;
        String osv = null;
        String hwv = null;
        Integer h = null;
        Integer w = null;
        Integer ppi = null;
        BigDecimal pxratio = null;
        Integer js = null;
        Integer geofetch = null;
        String flashver = null;
        String language = null;
        String langb = null;
        String carrier = null;
        String mccmnc = null;
        Integer connectiontype = null;
        String ifa = null;
        String didsha1 = null;
        String didmd5 = null;
        String dpidsha1 = null;
        String dpidmd5 = null;
        String macsha1 = null;
        String macmd5 = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "geo" -> geo = object(p, BidRequestParser::geo);
                case "dnt" -> dnt = integer(p);
                case "lmt" -> lmt = integer(p);
                case "ua" -> ua = string(p);
                case "sua" -> sua = node(p);
                case "ip" -> ip = string(p);
                case "ipv6" -> ipv6 = string(p);
                case "devicetype" -> devicetype = integer(p);
                case "make" -> make = string(p);
                case "model" -> model = string(p);
                case "os" -> os = string(p);
                case "osv" -> osv = string(p);
                case "hwv" -> hwv = string(p);
                case "h" -> h = integer(p);
                case "w" -> w = integer(p);
                case "ppi" -> ppi = integer(p);
                case "pxratio" -> pxratio = decimal(p);
                case "js" -> js = integer(p);
                case "geofetch" -> geofetch = integer(p);
                case "flashver" -> flashver = string(p);
                case "language" -> language = string(p);
                case "langb" -> langb = string(p);
                case "carrier" -> carrier = string(p);
                case "mccmnc" -> mccmnc = string(p);
                case "connectiontype" -> connectiontype = integer(p);
                case "ifa" -> ifa = string(p);
                case "didsha1" -> didsha1 = string(p);
                case "didmd5" -> didmd5 = string(p);
                case "dpidsha1" -> dpidsha1 = string(p);
                case "dpidmd5" -> dpidmd5 = string(p);
                case "macsha1" -> macsha1 = string(p);
                case "macmd5" -> macmd5 = string(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Device(geo, dnt, lmt, ua, sua, ip, ipv6, devicetype, make, model, os, osv, hwv, h, w, ppi, pxratio,
                js, geofetch, flashver, language, langb, carrier, mccmnc, connectiontype, ifa, didsha1, didmd5,
                dpidsha1, dpidmd5, macsha1, macmd5, ext);
    }

    /** §3.2.19: the fields of {@link BidRequest.Geo}, the current token being its {@code START_OBJECT}. */
    private static Geo geo(JsonParser p) {
        Double lat = null;
        Double lon = null;
        Integer type = null;
        Integer accuracy = null;
        Integer lastfix = null;
        Integer ipservice = null;
        String country = null;
        String region = null;
        String regionfips104 = null;
        String metro = null;
        String city = null;
        String zip = null;
        Integer utcoffset = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "lat" -> lat = doubleValue(p);
                case "lon" -> lon = doubleValue(p);
                case "type" -> type = integer(p);
                case "accuracy" -> accuracy = integer(p);
                case "lastfix" -> lastfix = integer(p);
                case "ipservice" -> ipservice = integer(p);
                case "country" -> country = string(p);
                case "region" -> region = string(p);
                case "regionfips104" -> regionfips104 = string(p);
                case "metro" -> metro = string(p);
                case "city" -> city = string(p);
                case "zip" -> zip = string(p);
                case "utcoffset" -> utcoffset = integer(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Geo(lat, lon, type, accuracy, lastfix, ipservice, country, region, regionfips104, metro, city, zip,
                utcoffset, ext);
    }

    /** §3.2.20: the fields of {@link BidRequest.User}, the current token being its {@code START_OBJECT}. */
    private static User user(JsonParser p) {
        String id = null;
        String buyeruid = null;
        Integer yob = null;
        String gender = null;
        String keywords = null;
        List<String> kwarray = null;
        String customdata = null;
        Geo geo = null;
        List<Data> data = null;
        String consent = null;
        List<JsonNode> eids = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "buyeruid" -> buyeruid = string(p);
                case "yob" -> yob = integer(p);
                case "gender" -> gender = string(p);
                case "keywords" -> keywords = string(p);
                case "kwarray" -> kwarray = list(p, BidRequestParser::string);
                case "customdata" -> customdata = string(p);
                case "geo" -> geo = object(p, BidRequestParser::geo);
                case "data" -> data = objects(p, BidRequestParser::data);
                case "consent" -> consent = string(p);
                case "eids" -> eids = list(p, BidRequestParser::node);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new User(id, buyeruid, yob, gender, keywords, kwarray, customdata, geo, data, consent, eids, ext);
    }

    /** §3.2.21: the fields of {@link BidRequest.Data}, the current token being its {@code START_OBJECT}. */
    private static Data data(JsonParser p) {
        String id = null;
        String name = null;
        List<Segment> segment = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "name" -> name = string(p);
                case "segment" -> segment = objects(p, BidRequestParser::segment);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Data(id, name, segment, ext);
    }

    /** §3.2.22: the fields of {@link BidRequest.Segment}, the current token being its {@code START_OBJECT}. */
    private static Segment segment(JsonParser p) {
        String id = null;
        String name = null;
        String value = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = string(p);
                case "name" -> name = string(p);
                case "value" -> value = string(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Segment(id, name, value, ext);
    }

    /** §3.2.3: the fields of {@link BidRequest.Regs}, the current token being its {@code START_OBJECT}. */
    private static Regs regs(JsonParser p) {
        Integer coppa = null;
        Integer gdpr = null;
        String us_privacy = null;
        String gpp = null;
        List<Integer> gpp_sid = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "coppa" -> coppa = integer(p);
                case "gdpr" -> gdpr = integer(p);
                case "us_privacy" -> us_privacy = string(p);
                case "gpp" -> gpp = string(p);
                case "gpp_sid" -> gpp_sid = list(p, BidRequestParser::integer);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Regs(coppa, gdpr, us_privacy, gpp, gpp_sid, ext);
    }

    /** §3.2.2: the fields of {@link BidRequest.Source}, the current token being its {@code START_OBJECT}. */
    private static Source source(JsonParser p) {
        Integer fd = null;
        String tid = null;
        String pchain = null;
        JsonNode schain = null;
        JsonNode ext = null;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            switch (field) {
                case "fd" -> fd = integer(p);
                case "tid" -> tid = string(p);
                case "pchain" -> pchain = string(p);
                case "schain" -> schain = node(p);
                case "ext" -> ext = node(p);
                default -> p.skipChildren();
            }
        }
        return new Source(fd, tid, pchain, schain, ext);
    }
}
