package io.adplatform.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.bidder.support.OddValues;
import io.adplatform.common.kafka.EventJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link BidContextJson} writes the text databind writes with {@link EventJson#mapper()} and reads what databind reads
 * — contexts cached by a bidder that still used databind stay readable, and the other way round.
 */
class BidContextJsonTest {

    private static final JsonMapper MAPPER = EventJson.mapper();
    /** For reshuffling fields: keeps doubles as doubles (the event mapper's decimals would turn -0.0 into 0.0). */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    /** The number fields databind requires, then any extra fields: {@code B} in the odd inputs below. */
    private static final String B = "\"priceMicros\":1,\"pctr\":0.5,\"modelVersion\":2,\"shadingChoice\":3,"
            + "\"bidAtMillis\":4";

    @Test
    void writesWhatDatabindWritesAndEachReadsTheOther() {
        OddValues odd = new OddValues(11L);
        for (int i = 0; i < 5000; i++) {
            BidContext c = context(odd);
            String expected = MAPPER.writeValueAsString(c);
            String actual = writeText(c);

            assertThat(MAPPER.readTree(actual)).as("context %d tree: %s", i, expected)
                    .isEqualTo(MAPPER.readTree(expected));
            assertThat(actual).as("context %d text", i).isEqualTo(expected);
            assertSameContext(MAPPER.readValue(actual, BidContext.class), c, "databind reads context " + i);
            assertSameContext(readText(expected), c, "reads databind's context " + i);
            assertSameContext(readText(actual), c, "reads its own context " + i);
        }
    }

    @Test
    void readsFieldsInAnyOrderAndSkipsUnknownOnes() {
        OddValues odd = new OddValues(12L);
        for (int i = 0; i < 1000; i++) {
            BidContext c = context(odd);
            ObjectNode tree = (ObjectNode) PLAIN.readTree(MAPPER.writeValueAsString(c));
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(tree.properties());
            fields.add(Map.entry("addedLater", PLAIN.readTree("{\"a\":[1,{\"b\":null}],\"bidId\":\"not this\"}")));
            fields.add(Map.entry("alsoNew", PLAIN.readTree("[[],{},\"x\",1.5e300,true,null]")));
            fields.add(Map.entry("scalarNew", PLAIN.readTree("\"" + "\\\"".repeat(3) + "\"")));
            Collections.shuffle(fields, odd.random());
            ObjectNode shuffled = PLAIN.createObjectNode();
            fields.forEach(f -> shuffled.set(f.getKey(), f.getValue()));
            String json = PLAIN.writeValueAsString(shuffled);

            assertSameContext(readText(json), c, "shuffled context " + i + ": " + json);
            assertSameContext(readText(json), MAPPER.readValue(json, BidContext.class), json);
        }
    }

    @Test
    void readsOddInputsAsDatabindReadsThemOrRefusesThemLikeIt() {
        List<String> inputs = List.of(
                "{" + B + "}",
                "{" + B + ",\"bidId\":null,\"features\":null}",
                "{" + B + ",\"features\":[]}",
                "{" + B + ",\"features\":[1,-2,2147483647,-2147483648]}",
                "{" + B + ",\"priceMicros\":\"12\",\"pctr\":\"0.5\",\"bidAtMillis\":1.9,\"bidId\":12}",
                "{" + B + ",\"x\":{\"a\":[1]},\"y\":[{}],\"z\":null}",
                "{" + B + ",\"features\":[1,\"3\",4.7,-0.5,1e3]}",
                "{" + B + ",\"bidId\":true,\"requestId\":false,\"impId\":1.50,\"exchange\":-0,\"pctr\":3}",
                "{" + B + ",\"bidId\":\"a\",\"bidId\":\"b\",\"priceMicros\":9}",
                "{" + B + ",\"pctr\":1e400}",
                "{" + B + ",\"pctr\":-1e-400}",
                "{" + B + ",\"pctr\":\"NaN\"}",
                "{" + B + ",\"pctr\":\"Infinity\"}",
                "{" + B + ",\"pctr\":\"-INF\"}",
                "{" + B + ",\"pctr\":\" 0.25 \"}",
                "{" + B + ",\"pctr\":123456789012345678901234567890}",
                "{" + B + ",\"pctr\":0.1000000000000000055511151231257827}",
                "{" + B + ",\"priceMicros\":\" 7 \"}",
                "{" + B + ",\"priceMicros\":1e3}",
                "{" + B + ",\"priceMicros\":-1.9}",
                "{" + B + ",\"modelVersion\":1.0E18}",
                "{" + B + ",\"shadingChoice\":\"-1\"}",
                "{" + B + ",\"priceMicros\":9223372036854775807,\"modelVersion\":-9223372036854775808}",
                "null",
                // refused by both
                "{}",
                "{\"priceMicros\":1,\"pctr\":0.5,\"modelVersion\":2,\"shadingChoice\":3}",
                "{" + B + ",\"shadingChoice\":null}",
                "{" + B + ",\"pctr\":null}",
                "{" + B + ",\"features\":[1,null]}",
                "{" + B + ",\"features\":5}",
                "{" + B + ",\"features\":\"\"}",
                "{" + B + ",\"features\":[[1]]}",
                "{" + B + ",\"features\":{}}",
                "{" + B + ",\"bidId\":[\"a\"]}",
                "{" + B + ",\"bidId\":{}}",
                "{" + B + ",\"priceMicros\":9223372036854775808}",
                "{" + B + ",\"priceMicros\":1e30}",
                "{" + B + ",\"shadingChoice\":3000000000}",
                "{" + B + ",\"priceMicros\":\"\"}",
                "{" + B + ",\"priceMicros\":\"1.5\"}",
                "{" + B + ",\"priceMicros\":\"null\"}",
                "{" + B + ",\"priceMicros\":true}",
                "{" + B + ",\"pctr\":true}",
                "{" + B + ",\"pctr\":\"\"}",
                "{" + B + ",\"pctr\":\"abc\"}",
                "{" + B + ",\"pctr\":NaN}",
                "{" + B + ",\"shadingChoice\":\"0x10\"}",
                "{" + B + "} trailing",
                "{" + B + "} {}",
                "{" + B,
                "{" + B + ",\"features\":[1,2",
                "[]",
                "\"text\"",
                "42",
                "",
                "   ");
        for (String json : inputs) {
            BidContext expected;
            try {
                expected = MAPPER.readValue(json, BidContext.class);
            } catch (JacksonException e) {
                assertThatThrownBy(() -> readText(json)).as("refused by databind: %s", json)
                        .isInstanceOf(JacksonException.class);
                continue;
            }
            assertSameContext(readText(json), expected, json);
        }
    }

    @Test
    void writesNullAsDatabindDoes() {
        assertThat(writeText(null)).isEqualTo(MAPPER.writeValueAsString(null)).isEqualTo("null");
        assertThat(readText("null")).isNull();
    }

    private static BidContext readText(String json) {
        return BidContextJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String writeText(BidContext context) {
        return new String(BidContextJson.write(context), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Equal fields, {@code features} compared by content (a record's equals compares arrays by identity). */
    static void assertSameContext(BidContext actual, BidContext expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(withoutFeatures(actual)).as(what).isEqualTo(withoutFeatures(expected));
        assertThat(Arrays.equals(actual.features(), expected.features()))
                .as("%s: features %s, expected %s", what, Arrays.toString(actual.features()),
                        Arrays.toString(expected.features()))
                .isTrue();
    }

    private static BidContext withoutFeatures(BidContext c) {
        return new BidContext(c.bidId(), c.requestId(), c.impId(), c.exchange(), c.campaignId(), c.creativeId(),
                c.priceMicros(), c.currency(), c.pctr(), c.userKey(), c.country(), c.site(), c.placement(), null,
                c.modelVersion(), c.shadingChoice(), c.instanceId(), c.clickUrl(), c.bidAtMillis());
    }

    static BidContext context(OddValues odd) {
        return new BidContext(odd.nullableString(), odd.nullableString(), odd.nullableString(), odd.nullableString(),
                odd.nullableString(), odd.nullableString(), odd.longValue(), odd.nullableString(), odd.doubleValue(),
                odd.nullableString(), odd.nullableString(), odd.nullableString(), odd.nullableString(), odd.ints(),
                odd.longValue(), odd.intValue(), odd.nullableString(), odd.nullableString(), odd.longValue());
    }
}
