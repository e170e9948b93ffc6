package io.adplatform.bidder.openrtb;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.support.OddValues;
import io.adplatform.common.kafka.EventJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link BidResponseWriter} writes what databind writes with {@link EventJson#mapper()}: the same bytes, so the same
 * tree, and a response that reads back (with databind, as exchanges' JSON libraries read it) to the same value.
 */
class BidResponseWriterTest {

    private static final JsonMapper MAPPER = EventJson.mapper();

    @Test
    void writesWhatDatabindWritesForManyOddResponses() {
        OddValues odd = new OddValues(20261118L);
        for (int i = 0; i < 2000; i++) {
            assertWritesAsDatabind(response(odd), "response " + i);
        }
    }

    @Test
    void writesTheBiddersOwnResponsesAsDatabind() {
        String base = "https://bid.example.com";
        String q = "?b=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MDEy";
        BidResponse.Bid banner = new BidResponse.Bid("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MDEy", "1",
                BigDecimal.valueOf(1_234_500, 6).stripTrailingZeros(), base + "/notice/win" + q + "&p=${AUCTION_PRICE}",
                base + "/notice/bill" + q + "&p=${AUCTION_PRICE}",
                base + "/notice/loss" + q + "&r=${AUCTION_LOSS}&p=${AUCTION_MIN_TO_WIN}",
                "<a href=\"" + base + "/click" + q + "\" target=\"_blank\"><img src=\"https://cdn.example.com/b.png\""
                        + " width=\"300\" height=\"250\" alt=\"\"></a><img src=\"" + base + "/notice/imp" + q + "\">",
                "cr-1", List.of("shop.example.com"), null, null, "cmp-1", "cr-1", null, null, List.of("IAB22"),
                List.of(), null, null, null, null, null, null, null, 300, 250, null, null, null, null, 1, null, null);
        BidResponse.Bid video = new BidResponse.Bid("b2", "2", new BigDecimal("12"), null, null, null,
                "<VAST version=\"4.0\"><Ad><InLine><Impression><![CDATA[" + base
                        + "]]></Impression></InLine></Ad></VAST>",
                "cr-2", List.of("shop.example.com"), null, null, "cmp-2", "cr-2", null, null, List.of("IAB22"),
                List.of(1, 2), null, null, null, null, null, null, null, null, null, null, null, null, 15, 2, null,
                null);
        BidResponse response = new BidResponse("1234567893",
                List.of(new BidResponse.SeatBid(List.of(banner, video), "seat-1", 0, null)), null, "USD", null, null,
                null);

        byte[] json = BidResponseWriter.write(response);

        assertWritesAsDatabind(response, "the bidder's response");
        assertThat(MAPPER.readValue(json, BidResponse.class)).isEqualTo(response);
        assertThat(MAPPER.readTree(json).get("seatbid").get(0).get("bid").get(0).get("price").decimalValue())
                .isEqualTo(new BigDecimal("1.2345"));
    }

    @Test
    void writesNullAndEmptyResponsesAsDatabind() {
        assertThat(new String(BidResponseWriter.write(null), StandardCharsets.UTF_8)).isEqualTo("null");
        assertWritesAsDatabind(new BidResponse(null, null, null, null, null, null, null), "empty");
        assertWritesAsDatabind(new BidResponse("r", List.of(), null, null, null, 0, null), "no seat bids");
    }

    private static void assertWritesAsDatabind(BidResponse response, String what) {
        byte[] expected = MAPPER.writeValueAsBytes(response);
        byte[] actual = BidResponseWriter.write(response);
        String expectedText = new String(expected, StandardCharsets.UTF_8);

        assertThat(MAPPER.readTree(actual)).as("%s tree: %s", what, expectedText).isEqualTo(MAPPER.readTree(expected));
        assertThat(new String(actual, StandardCharsets.UTF_8)).as("%s text", what).isEqualTo(expectedText);
        BidResponse readBack = MAPPER.readValue(actual, BidResponse.class);
        assertThat(readBack).as("%s read back: %s", what, expectedText)
                .isEqualTo(MAPPER.readValue(expected, BidResponse.class));
        if (!hasExt(response)) { // an ext tree reads back as databind's node types, not necessarily the written ones
            assertThat(readBack).as("%s read back: %s", what, expectedText).isEqualTo(response);
        }
    }

    private static boolean hasExt(BidResponse r) {
        if (r.ext() != null) {
            return true;
        }
        for (BidResponse.SeatBid s : r.seatbid() == null ? List.<BidResponse.SeatBid>of() : r.seatbid()) {
            if (s != null && s.ext() != null) {
                return true;
            }
            for (BidResponse.Bid b : s == null || s.bid() == null ? List.<BidResponse.Bid>of() : s.bid()) {
                if (b != null && b.ext() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BidResponse response(OddValues odd) {
        List<BidResponse.SeatBid> seats = null;
        if (!odd.chance(0.1)) {
            int n = odd.chance(0.1) ? 0 : 1 + odd.random().nextInt(3);
            seats = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                seats.add(odd.chance(0.03) ? null : seatBid(odd));
            }
        }
        return new BidResponse(odd.nullableString(), seats, odd.nullableString(), odd.nullableString(),
                odd.nullableString(), odd.nullableInt(), odd.ext());
    }

    private static BidResponse.SeatBid seatBid(OddValues odd) {
        List<BidResponse.Bid> bids = null;
        if (!odd.chance(0.1)) {
            int n = odd.chance(0.1) ? 0 : 1 + odd.random().nextInt(4);
            bids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bids.add(odd.chance(0.03) ? null : bid(odd));
            }
        }
        return new BidResponse.SeatBid(bids, odd.nullableString(), odd.nullableInt(), odd.ext());
    }

    private static BidResponse.Bid bid(OddValues odd) {
        return new BidResponse.Bid(odd.nullableString(), odd.nullableString(), odd.nullableDecimal(),
                odd.nullableString(), odd.nullableString(), odd.nullableString(), odd.nullableString(),
                odd.nullableString(), odd.strings(), odd.nullableString(), odd.nullableString(), odd.nullableString(),
                odd.nullableString(), odd.nullableString(), odd.nullableInt(), odd.strings(), odd.integers(),
                odd.integers(), odd.nullableInt(), odd.nullableInt(), odd.nullableInt(), odd.nullableString(),
                odd.nullableString(), odd.nullableString(), odd.nullableInt(), odd.nullableInt(), odd.nullableInt(),
                odd.nullableInt(), odd.nullableInt(), odd.nullableInt(), odd.nullableInt(), odd.nullableInt(),
                odd.ext());
    }
}
