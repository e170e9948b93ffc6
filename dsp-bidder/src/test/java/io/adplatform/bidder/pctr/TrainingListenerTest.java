package io.adplatform.bidder.pctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.adplatform.common.event.BidEvent;
import io.adplatform.common.kafka.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingListenerTest {

    @Test
    void skipsOtherEventTypesWithoutParsing() {
        for (BidEvent.Type type : BidEvent.Type.values()) {
            byte[] json = EventJson.mapper().writeValueAsBytes(new BidEvent("b:" + type, type, "b", "r", "1", "x",
                    "c", "cr", 0, "USD", 0.01, "u", "DEU", "site", new int[] {1, 2}, 3, null, Instant.EPOCH));
            boolean wanted = type == BidEvent.Type.IMPRESSION || type == BidEvent.Type.CLICK;
            assertThat(TrainingListener.mayBeImpressionOrClick(json)).as(type.name()).isEqualTo(wanted);
        }
        assertThat(TrainingListener.mayBeImpressionOrClick("{\"type\" : \"BID\"}".getBytes(StandardCharsets.UTF_8)))
                .as("unsure: parse").isTrue();
    }
}
