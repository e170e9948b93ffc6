package io.adplatform.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.web.JsonPaths;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link BidRequestParser} against the databind reader it replaced (kept here as the oracle, configured as
 * {@code BidRequestReader} configured it): the same records, or the same refusal naming the same field, for the OpenRTB
 * examples, for every field of every record given odd values, for hand-picked oddities and for mutated examples.
 */
class BidRequestParserTest {

    /** The old path: databind, unknown fields ignored, floats as BigDecimal; its exceptions mapped as before. */
    private static final ObjectReader DATABIND = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build().readerFor(BidRequest.class);
    /** Writes outcomes out: tells apart what equals may not (a tree's 1.50 from 1.5, NullNode from null). */
    private static final JsonMapper WRITER = JsonMapper.builder().build();
    /** An element of any {@code List<String>} field of BidRequest.java, by JSON path. */
    private static final Pattern STRING_LIST_ELEMENT = Pattern.compile("(.*\\.)?(" + String.join("|", places().stream()
            .flatMap(place -> Stream.of(place.record().getRecordComponents()))
            .filter(c -> c.getGenericType().getTypeName().equals("java.util.List<java.lang.String>"))
            .map(BidRequestParserTest::jsonName).distinct().toList()) + ")\\[\\d+]");
    /** The OpenRTB examples under src/test/resources/openrtb. */
    private static final List<String> FIXTURES = List.of("site-banner", "app-video", "app-native", "site-multi-pmp",
            "app-banner-interstitial");
    /** Odd values for any field: every JSON type, numbers at and past the edges, strings databind may coerce. */
    private static final List<String> ODD_VALUES = List.of("null", "true", "false", "0", "-1", "7", "2147483647",
            "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999", "1.0",
            "1.5", "-0.0", "0.50", "300.0", "1e2", "1E-2", "1E400", "-1E400", "2147483647.5", "1e10",
            "1234567890123456789012345678901234567890.123456789", "\"\"", "\" \"", "\"\\t\\n\"", "\"5\"", "\" 5 \"",
            "\"+5\"", "\"-5\"", "\"05\"", "\"5.0\"", "\"5.5\"", "\"abc\"", "\"null\"", "\" null \"", "\"NULL\"",
            "\"NaN\"", "\" NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"INF\"", "\"-INF\"", "\"1e2\"", "\"0x10\"",
            "\"true\"", "\"2147483648\"", "\"9223372036854775808\"", "\"1_000\"", "\"\\u00a05\"", "\"\u0663\"",
            "\"1,5\"", "\"caf\\u00e9 \u00e9\"", "[]", "[null]", "[1]", "[\"a\"]", "[1,\"2\",3.0,1.5,true,\"\"]",
            "[[]]", "[{}]", "[null,{}]", "[\"\"]", "[\"5\",\" 7 \"]", "[2147483648]", "{}", "{\"a\":1}",
            "{\"id\":\"x\",\"w\":300}", "{\"a\":[1.50,null,{\"b\":1e2}],\"a\":2}");

    static List<String> fixtures() {
        return FIXTURES;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsTheOpenRtbExamplesAsDatabindDid(String name) throws IOException {
        byte[] json = fixture(name);

        Outcome expected = databind(json);
        assertThat(expected.refused()).as("databind refused the example").isNull();
        assertThat(streaming(json)).isEqualTo(expected);
    }

    @Test
    void everyFieldOfEveryRecordTakesOddValuesAsDatabindDoes() {
        List<String> differences = new ArrayList<>();
        int documents = 0;
        int refused = 0;
        for (Place place : places()) {
            for (RecordComponent field : place.record().getRecordComponents()) {
                for (String value : ODD_VALUES) {
                    String json = place.document().apply("{\"" + jsonName(field) + "\":" + value + "}");
                    Outcome expected = compare(json, differences);
                    documents++;
                    refused += expected.refused() == null ? 0 : 1;
                }
            }
        }

        assertThat(differences).as("documents the parsers disagree on").isEmpty();
        assertThat(documents).isGreaterThan(15_000);
        assertThat(refused).as("wrong types refused").isBetween(documents / 5, documents * 4 / 5);
    }

    /** One document a line; those a text block cannot hold (spaces at the ends, BOM, long ones) are added below. */
    private static final String ODDITIES = """
            {}
            {} {}
            {}]
            {} x
            {}{
            {} null
            null
            null x
            null {}
            "x"
            "x
            "\\q"
            5
            5 x
            -
            true
            [
            []
            [{}]
            x
            {
            {"id":
            {"id":"x"
            {"id":"x",}
            {"id" "x"}
            {id:"x"}
            {'id':'x'}
            {"id":NaN}
            {"id":"a","id":"b"}
            {"id":"a","id":null}
            {"id":"a","id":5}
            {"test":1,"test":true}
            {"test":true,"test":1}
            {"ext":{"a":1},"ext":null}
            {"ext":{"a":1,"a":{"b":[1,2.50,null]}}}
            {"imp":[{"id":"1"}],"imp":[{"id":"2"}]}
            {"site":{"publisher":{"id":"a","name":"b","cattax":1,"cat":[],"domain":"d","ext":{},"id":"z"}}}
            {"unknown":{"a":[1,{"b":[[],{}]}],"c":"\\q"},"id":"x","more":[1,[2,[3]]],"n":null}
            {"imp":[{"id":"1","nativeAd":{"request":"r"},"native":{"ver":"1.2"},"banner":{"x":{}}}]}
            {"imp":[{"native":{"request":{"ver":"1.2","assets":[{"id":1,"img":{"w":1.50}}]}}}]}
            {"imp":[{"native":{"request":"{\\"ver\\":\\"1.2\\"}"}}]}
            {"imp":[{"metric":[{"type":"vw","value":0.85}],"qty":{"multiplier":1.0},"refresh":{"count":2},"audio":{}}]}
            {"imp":[{},{"banner":{"format":[{},{"w":"wide"}]}}]}
            {"imp":[{"video":{"companionad":[{"format":[{"w":300,"h":[250]}]}]}}]}
            {"imp":[{"pmp":{"deals":[{"id":"d","bidfloor":"1.50"},{"bidfloor":"cheap"}]}}]}
            {"user":{"data":[{"segment":[{"id":"s"},{"id":{}}]}]}}
            {"user":{"geo":{"lat":"NaN","lon":"-INF"},"eids":[{"source":"x","uids":[{"id":"u"}]}]}}
            {"device":{"geo":{"lat":51.5074,"lon":-0.1278,"type":2},"sua":{"mobile":1},"pxratio":2.625}}
            {"device":{"geo":{"lat":1e400}}}
            {"device":{"geo":{"utcoffset":1e400}}}
            {"imp":[{"dt":1.7e12}]}
            {"imp":[{"dt":"1700000000000"}]}
            {"imp":[{"dt":1e19}]}
            {"source":{"schain":{"complete":1,"nodes":[{"asi":"a","hp":1}]},"ext":[]}}
            {"regs":{"gpp_sid":[2,"6",7.9,null,""],"ext":"text"}}
            {"regs":{"gpp_sid":[true]}}
            {"cur":["USD",5,1.50,true,null]}
            {"cur":"USD"}
            {"cur":""}
            {"cur":"\\q"}
            {"site":"\\q"}
            {"site":""}
            {"site":[]}
            {"site":[x]}
            {"test":[x]}
            {"test":{x}}
            {"id":"\\q"}
            {"ext":"\\q"}
            {"unknown":"\\q"}
            {"id":"\\u12"}
            {"id":"x","imp":[{"id":"1","banner":{"w":300,"h":250}}],"firstPrice":true}
            """;

    static Stream<String> oddities() {
        return Stream.concat(ODDITIES.lines(), Stream.of(" ", "\n\t ", "{} ", "\uFEFF{\"id\":\"bom\"}",
                "{\"ext\":" + "[".repeat(600) + "]".repeat(600) + "}",
                "{\"unknown\":" + "[".repeat(600) + "]".repeat(600) + "}",
                "{\"imp\":[{\"bidfloor\":1" + "0".repeat(1200) + "}]}",
                "{\"imp\":[{\"bidfloor\":\"1" + "0".repeat(1200) + "\"}]}",
                "{\"id\":1" + "0".repeat(1200) + "}",
                "{\"site\":1" + "0".repeat(1200) + "}",
                "{\"unknown\":1" + "0".repeat(1200) + "}"));
    }

    @ParameterizedTest
    @MethodSource("oddities")
    void handPickedOdditiesComeOutAsFromDatabind(String json) {
        List<String> differences = new ArrayList<>();
        compare(json, differences);

        assertThat(differences).isEmpty();
    }

    static Stream<Arguments> wrongTypesAtDepth() {
        return Stream.of(
                Arguments.of("{\"imp\":[{},{\"banner\":{\"format\":[{},{\"w\":\"wide\"}]}}]}",
                        "imp[1].banner.format[1].w"),
                Arguments.of("{\"device\":{\"geo\":{\"lat\":true}}}", "device.geo.lat"),
                Arguments.of("{\"imp\":[{\"bidfloor\":\"cheap\"}]}", "imp[0].bidfloor"),
                Arguments.of("{\"imp\":[{\"pmp\":{\"deals\":[{\"wseat\":[\"a\",{}]}]}}]}",
                        "imp[0].pmp.deals[0].wseat[1]"),
                Arguments.of("{\"user\":{\"data\":[{\"segment\":\"s\"}]}}", "user.data[0].segment"),
                Arguments.of("{\"imp\":[{\"native\":[]}]}", "imp[0].native"),
                Arguments.of("{\"imp\":[null,5]}", "imp[1]"),
                Arguments.of("{\"tmax\":\"2147483648\"}", "tmax"),
                Arguments.of("[1,2]", "body"),
                Arguments.of("{\"id\":\"x\"} {}", "body"),
                Arguments.of("{\"id\":\"x\"", "body"),
                Arguments.of("{\"tmax\":2147483648}", "body")); // out of int range: a stream error, so "not valid JSON"
    }

    @ParameterizedTest
    @MethodSource("wrongTypesAtDepth")
    void namesTheFieldAtFaultAsBefore(String json, String field) {
        List<String> differences = new ArrayList<>();
        Outcome outcome = compare(json, differences);

        assertThat(differences).isEmpty();
        assertThat(outcome.refused()).isEqualTo(field);
    }

    /** Longer or other runs: {@code -DargLine="-Dfuzz.rounds=10000 -Dfuzz.seed=7"}. */
    @Test
    void mutatedExamplesComeOutAsFromDatabind() throws IOException {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", 2024));
        List<String> differences = new ArrayList<>();
        int refused = 0;
        int documents = 0;
        for (int round = 0; round < Integer.getInteger("fuzz.rounds", 600); round++) {
            for (String name : FIXTURES) {
                JsonNode tree = WRITER.readTree(fixture(name));
                for (int m = 1 + random.nextInt(4); m > 0; m--) {
                    mutate(tree, random);
                }
                String json = WRITER.writeValueAsString(tree);
                if (random.nextInt(10) == 0) { // cut short or with a stray character: malformed JSON
                    int at = random.nextInt(json.length());
                    json = random.nextBoolean() ? json.substring(0, at)
                            : json.substring(0, at) + "x:,]}\"".charAt(random.nextInt(6)) + json.substring(at);
                }
                refused += compare(json, differences).refused() == null ? 0 : 1;
                documents++;
            }
        }

        assertThat(differences).as("documents the parsers disagree on").isEmpty();
        assertThat(refused).as("mutations refused").isBetween(documents / 10, documents * 9 / 10);
    }

    @Test
    void refusesAnArrayAsAStringListElementWhereDatabindLostItsPlace() {
        String outOfStep = "{\"id\":\"r\",\"cur\":[\"USD\",[\"EUR\"]],\"tmax\":100}";
        String misread = "{\"imp\":[{\"banner\":{\"mimes\":[[\"\"],\"x\"]}}]}";

        assertThat(databind(outOfStep.getBytes(StandardCharsets.UTF_8)).refused()).isEqualTo("body");
        assertThat(streaming(outOfStep.getBytes(StandardCharsets.UTF_8)).refused()).isEqualTo("cur[1]");
        assertThat(databind(misread.getBytes(StandardCharsets.UTF_8)).request().imp()).hasSize(3); // one in the JSON
        assertThat(streaming(misread.getBytes(StandardCharsets.UTF_8)).refused()).isEqualTo("imp[0].banner.mimes[0]");
        List<String> differences = new ArrayList<>();
        compare(outOfStep, differences);
        compare(misread, differences);
        assertThat(differences).isEmpty();
        compare("{\"cur\":[[]]}", differences); // refused by both, naming cur[0]
        compare("{\"cur\":[[null]]}", differences);
        compare("{\"cur\":[[{}]]}", differences);
        assertThat(differences).isEmpty();
    }

    @Test
    void theComparisonTellsApartWhatRecordsAloneMightNot() {
        assertThat(databind("{\"ext\":{\"a\":1.50}}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(databind("{\"ext\":{\"a\":1.5}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(databind("{\"ext\":null}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(databind("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(databind("{\"imp\":[{\"bidfloor\":0.50}]}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(databind("{\"imp\":[{\"bidfloor\":0.5}]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(databind("{\"tmax\":true}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(databind("{\"at\":true}".getBytes(StandardCharsets.UTF_8)));
    }

    /** Both parsers on {@code json}; a line in {@code differences} when they disagree. Returns databind's outcome. */
    private static Outcome compare(String json, List<String> differences) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Outcome expected = databind(bytes);
        Outcome actual = streaming(bytes);
        if (!actual.equals(expected) && !refusedWhereDatabindLostItsPlace(json, actual)) {
            differences.add(json + "\n    databind:  " + expected + "\n    streaming: " + actual);
        }
        return expected;
    }

    /**
     * The one known difference: databind takes {@code ["a"]}, an array starting with a scalar, as the string element
     * {@code "a"} of a string list and then reads on from inside that array, out of step with the document; the
     * streaming parser refuses the element instead. True if {@code actual} is that refusal.
     */
    private static boolean refusedWhereDatabindLostItsPlace(String json, Outcome actual) {
        if (actual.refused() == null || !STRING_LIST_ELEMENT.matcher(actual.refused()).matches()) {
            return false;
        }
        try (JsonParser p = WRITER.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY && pathOf(p.streamReadContext().getParent()).equals(actual.refused())) {
                    JsonToken first = p.nextToken();
                    return first != null && first.isScalarValue() && first != JsonToken.VALUE_NULL;
                }
            }
        } catch (JacksonException e) {
            // malformed further on: not there
        }
        return false;
    }

    private static String pathOf(TokenStreamContext at) {
        if (at == null || at.inRoot()) {
            return "";
        }
        String parent = pathOf(at.getParent());
        return at.inArray() ? parent + "[" + at.getCurrentIndex() + "]"
                : parent.isEmpty() ? at.currentName() : parent + "." + at.currentName();
    }

    private static Outcome databind(byte[] json) {
        try {
            BidRequest request = DATABIND.readValue(json);
            return request == null ? Outcome.refused("body", "is not a bid request object") : Outcome.of(request);
        } catch (DatabindException e) {
            String field = JsonPaths.of(e.getPath());
            return field.isEmpty() ? Outcome.refused("body", "is not a bid request object")
                    : Outcome.refused(field, "has the wrong type or format");
        } catch (JacksonException e) {
            return Outcome.refused("body", "is not valid JSON");
        }
    }

    private static Outcome streaming(byte[] json) {
        try {
            return Outcome.of(BidRequestParser.parse(json));
        } catch (InvalidBidRequest e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.problems()).hasSize(1);
            return Outcome.refused(e.problems().get(0).field(), e.problems().get(0).message());
        }
    }

    /** A request and how it writes out, or the field refused and why. */
    private record Outcome(BidRequest request, String written, String refused, String message) {

        static Outcome of(BidRequest request) {
            return new Outcome(request, WRITER.writeValueAsString(request), null, null);
        }

        static Outcome refused(String field, String message) {
            return new Outcome(null, null, field, message);
        }
    }

    /** A record type and how to put one of it, as JSON, into a whole request. */
    private record Place(Class<?> record, UnaryOperator<String> document) {
    }

    /** Every place a record can stand in a request, found from BidRequest's components; lists at their 2nd element. */
    private static List<Place> places() {
        List<Place> out = new ArrayList<>();
        collect(BidRequest.class, json -> json, out);
        return out;
    }

    private static void collect(Class<?> record, UnaryOperator<String> document, List<Place> out) {
        out.add(new Place(record, document));
        for (RecordComponent c : record.getRecordComponents()) {
            String name = jsonName(c);
            if (c.getType().isRecord()) {
                collect(c.getType(), json -> document.apply("{\"" + name + "\":" + json + "}"), out);
            } else if (c.getType() == List.class && elementType(c).isRecord()) {
                collect(elementType(c), json -> document.apply("{\"" + name + "\":[{}," + json + "]}"), out);
            }
        }
    }

    private static Class<?> elementType(RecordComponent c) {
        Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        return (Class<?>) element;
    }

    private static String jsonName(RecordComponent c) {
        com.fasterxml.jackson.annotation.JsonProperty renamed =
                c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return renamed == null ? c.getName() : renamed.value();
    }

    /** One random change somewhere in the tree: an odd value, a field gone, an unknown field, a number as text. */
    private static void mutate(JsonNode root, SplittableRandom random) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>(target.propertyNames());
        if (names.isEmpty()) {
            target.put("x", 1);
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = target.get(name);
        switch (random.nextInt(6)) {
            case 0 -> target.set(name, oddValue(random));
            case 1 -> target.remove(name);
            case 2 -> target.set("unknown" + random.nextInt(3), oddValue(random));
            case 3 -> target.put(name, value.isValueNode() ? value.asString() : value.toString());
            case 4 -> target.putNull(name);
            default -> {
                if (value.isArray() && !value.isEmpty()) {
                    ((ArrayNode) value).set(random.nextInt(value.size()), oddValue(random));
                } else {
                    target.set(name, WRITER.createArrayNode().add(value));
                }
            }
        }
    }

    private static JsonNode oddValue(SplittableRandom random) {
        return WRITER.readTree(ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        for (JsonNode child : node.values()) {
            collectObjects(child, out);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = BidRequestParserTest.class.getResourceAsStream("/openrtb/" + name + ".json")) {
            return List.of(in).get(0).readAllBytes();
        }
    }
}
