package io.adplatform.loadgen.bidder;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.bidder.openrtb.BidRequestParser;
import io.adplatform.bidder.openrtb.BidRequestReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming {@link BidRequestParser} reads every request of the bidder benchmark's traffic into the same records
 * as the databind reader it replaced (configured here as {@code BidRequestReader} configured it).
 */
class BidRequestParserEquivalenceTest {

    private static final ObjectReader DATABIND = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build().readerFor(BidRequest.class);
    /** Writes both out too: a tree's 1.50 is not its 1.5, NullNode is not null. */
    private static final JsonMapper WRITER = JsonMapper.builder().build();

    @Test
    void everyRequestOfTheBenchmarkMixReadsAsWithDatabind() {
        List<byte[]> bodies = new BidRequestMix(11, 200_000).requests(20_000); // BidRequestReaderBenchmark's mix
        BidRequestReader reader = new BidRequestReader(256 * 1024);
        List<String> differences = new ArrayList<>();
        int withTrees = 0;
        for (int i = 0; i < bodies.size(); i++) {
            BidRequest expected = DATABIND.readValue(bodies.get(i));
            BidRequest parsed = BidRequestParser.parse(bodies.get(i));
            BidRequest read = reader.read(bodies.get(i), null, "2.6");
            if (!parsed.equals(expected) || !read.equals(expected)
                    || !WRITER.writeValueAsString(parsed).equals(WRITER.writeValueAsString(expected))) {
                differences.add("request " + i + ": " + new String(bodies.get(i), StandardCharsets.UTF_8));
            }
            if (expected.source() != null && expected.source().schain() != null) {
                withTrees++;
            }
        }

        assertThat(bodies).hasSize(20_000);
        assertThat(differences).as("requests read differently").isEmpty();
        assertThat(withTrees).as("requests with a supply chain (a JSON tree)").isBetween(6_000, 10_000);
    }
}
