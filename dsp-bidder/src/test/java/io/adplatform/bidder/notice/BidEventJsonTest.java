package io.adplatform.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.bidder.support.OddValues;
import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link BidEventJson} writes the bytes databind writes with {@link EventJson#mapper()}, so every consumer of
 * {@code bid-events} (reading with the mapper) reads an equal event.
 */
class BidEventJsonTest {

    private static final JsonMapper MAPPER = EventJson.mapper();

    @Test
    void writesWhatDatabindWritesAndConsumersReadEqualEvents() {
        OddValues odd = new OddValues(7L);
        for (int i = 0; i < 5000; i++) {
            BidEvent e = event(odd);
            byte[] expected = MAPPER.writeValueAsBytes(e);
            byte[] actual = BidEventJson.write(e);
            String expectedText = new String(expected, StandardCharsets.UTF_8);

            assertThat(MAPPER.readTree(actual)).as("event %d tree: %s", i, expectedText)
                    .isEqualTo(MAPPER.readTree(expected));
            assertThat(new String(actual, StandardCharsets.UTF_8)).as("event %d text", i).isEqualTo(expectedText);
            assertSameEvent(MAPPER.readValue(actual, BidEvent.class), e, "event " + i + ": " + expectedText);
        }
    }

    @Test
    void writesTheBiddersEventsWithIsoInstantsAndIntFeatures() {
        BidContext c = new BidContext("Zm9vYmFy", "req-1", "1", "adx", "cmp-1", "cr-1", 1_234_500, "USD", 0.0123,
                "user-1", "USA", "news.example.com", "news.example.com/top", new int[] {12, -7, 1 << 20}, 42, 3,
                "bidder-a", "https://shop.example.com/landing", 1_763_476_200_123L);
        BidEvent e = BidEvents.event(c, BidEvent.Type.LOSS, 0, 102, Instant.parse("2026-11-18T14:30:00.120Z"));

        byte[] json = BidEventJson.write(e);
        JsonNode tree = MAPPER.readTree(json);

        assertThat(json).isEqualTo(MAPPER.writeValueAsBytes(e));
        assertThat(tree.get("at").isString()).isTrue();
        assertThat(tree.get("at").asString()).isEqualTo("2026-11-18T14:30:00.120Z");
        assertThat(tree.get("type").asString()).isEqualTo("LOSS");
        assertThat(tree.get("features").toString()).isEqualTo("[12,-7,1048576]");
        assertThat(tree.get("pctr").doubleValue()).isEqualTo(0.0123);
        assertSameEvent(MAPPER.readValue(json, BidEvent.class), e, "the bidder's event");
    }

    @Test
    void formatsInstantsAsInstantToStringDoes() {
        Random random = new Random(3);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T23:59:59.001Z"), Instant.parse("2100-03-01T00:00:00.000010Z"),
                Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(0, 1)));
        for (int i = 0; i < 60_000; i++) {
            long seconds = switch (i % 3) {
                case 0 -> random.nextLong() % 253_402_300_800L; // 0000-9999 and around
                case 1 -> 1_700_000_000L + random.nextInt(1_000_000_000); // these decades
                default -> random.nextLong() % Instant.MAX.getEpochSecond(); // any year
            };
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        int formatted = 0;
        for (Instant at : instants) {
            char[] text = new char[BidEventJson.MAX_ISO_LENGTH];
            int length = BidEventJson.isoInstant(at, text);
            if (length > 0) {
                formatted++;
                assertThat(new String(text, 0, length)).isEqualTo(at.toString());
            } else {
                assertThat(at.toString()).as("only years before 0 or after 9999 are left to toString()")
                        .matches("[-+]\\d{4,}-.*");
            }
        }
        assertThat(formatted).isGreaterThan(30_000);
    }

    @Test
    void writesNullAsDatabindDoes() {
        assertThat(BidEventJson.write(null)).isEqualTo(MAPPER.writeValueAsBytes(null));
    }

    /** Equal fields, {@code features} compared by content (a record's equals compares arrays by identity). */
    private static void assertSameEvent(BidEvent actual, BidEvent expected, String what) {
        assertThat(withoutFeatures(actual)).as(what).isEqualTo(withoutFeatures(expected));
        assertThat(Arrays.equals(actual.features(), expected.features()))
                .as("%s: features %s, expected %s", what, Arrays.toString(actual.features()),
                        Arrays.toString(expected.features()))
                .isTrue();
    }

    private static BidEvent withoutFeatures(BidEvent e) {
        return new BidEvent(e.eventId(), e.type(), e.bidId(), e.requestId(), e.impId(), e.exchange(), e.campaignId(),
                e.creativeId(), e.priceMicros(), e.currency(), e.pctr(), e.userKey(), e.country(), e.bundleOrDomain(),
                null, e.modelVersion(), e.lossReason(), e.at());
    }

    private static BidEvent event(OddValues odd) {
        return new BidEvent(odd.nullableString(), odd.nullableEnum(BidEvent.Type.class), odd.nullableString(),
                odd.nullableString(), odd.nullableString(), odd.nullableString(), odd.nullableString(),
                odd.nullableString(), odd.longValue(), odd.nullableString(), odd.doubleValue(), odd.nullableString(),
                odd.nullableString(), odd.nullableString(), odd.ints(), odd.longValue(), odd.nullableInt(),
                odd.nullableInstant());
    }
}
