package io.adplatform.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.event.AttributionEvent;
import io.adplatform.common.event.EventType;
import io.adplatform.common.event.Platform;
import io.adplatform.common.event.SdkEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Compatibility: fixtures written by an earlier (or newer) producer must still read, unknown fields ignored, and what
 * we write must carry the same fields with the same values.
 */
class GoldenJsonTest {

    @Test
    void readsSdkEventFixtureWithUnknownFields() throws IOException {
        byte[] json = fixture("sdk-event-v1.json");

        SdkEvent event = JsonSerde.of(SdkEvent.class).deserialize(Topics.SDK_EVENTS, json);

        assertThat(event.type()).isEqualTo(EventType.PAYMENT);
        assertThat(event.platform()).isEqualTo(Platform.ANDROID);
        assertThat(event.device().gaid()).isEqualTo("38400000-8cf0-11bd-b23e-10b96e40000d");
        assertThat(event.revenue().amount()).isEqualByComparingTo(new BigDecimal("9.99"));
        assertThat(event.revenue().amount().toPlainString()).isEqualTo("9.99");
        assertThat(event.revenue().currency()).isEqualTo("EUR");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
        assertThat(event.attribution().clickId()).isEqualTo("E.C.P.abc");
        assertThat(event.properties()).containsEntry("sku", "gems_100");
        assertThat(event.partitionKey()).isEqualTo("com.example.game:38400000-8cf0-11bd-b23e-10b96e40000d");
    }

    @Test
    void writesSdkEventWithTheFixturesFieldsAndValues() throws IOException {
        byte[] json = fixture("sdk-event-v1.json");
        JsonSerde<SdkEvent> serde = JsonSerde.of(SdkEvent.class);

        JsonNode written = EventJson.mapper().readTree(serde.serialize(Topics.SDK_EVENTS, serde.deserialize("t", json)));
        JsonNode expected = EventJson.mapper().readTree(json);
        ((tools.jackson.databind.node.ObjectNode) expected).remove("someFieldFromANewerProducer");

        assertThat(written.propertyNames()).containsExactlyInAnyOrderElementsOf(expected.propertyNames());
        for (String field : expected.propertyNames()) {
            assertThat(written.get(field).toString()).as(field).isEqualTo(expected.get(field).toString());
        }
    }

    @Test
    void readsAttributionEventFixture() throws IOException {
        AttributionEvent event =
                JsonSerde.of(AttributionEvent.class).deserialize(Topics.ATTRIBUTION_EVENTS, fixture("attribution-event-v1.json"));

        assertThat(event.newDevice()).isTrue();
        assertThat(event.event().platform()).isEqualTo(Platform.IOS);
        assertThat(event.attribution().isOrganic()).isTrue();
        assertThat(event.partitionKey()).isEqualTo("id1234567890:a1b2c3d4-e5f6-4a1b-8c2d-0e1f2a3b4c5d");
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }
}
