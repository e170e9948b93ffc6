package io.adplatform.loadgen.ingestion;

import io.adplatform.common.event.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request bodies like an SDK's: fresh UUIDv7 event ids, a realistic mix (activations, logins, custom events,
 * payments with exact revenue, some with attribution and hashed-at-ingestion e-mail), devices drawn from a fixed pool.
 */
final class EventBodies {

    private final Clock clock = Clock.systemUTC();
    private final int devices;
    private final long deviceSeed = ThreadLocalRandom.current().nextLong();

    EventBodies(int devices) {
        this.devices = devices;
    }

    byte[] request(int events) {
        StringBuilder json = new StringBuilder(events * 260 + 16);
        if (events == 1) {
            appendEvent(json);
        } else {
            json.append("{\"events\":[");
            for (int i = 0; i < events; i++) {
                if (i > 0) {
                    json.append(',');
                }
                appendEvent(json);
            }
            json.append("]}");
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendEvent(StringBuilder json) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int device = random.nextInt(devices);
        String gaid = new UUID(deviceSeed ^ device, 0x8000_0000_0000_0000L | device).toString();
        int kind = random.nextInt(100);
        json.append("{\"eventId\":\"").append(EventIds.newId(clock)).append("\",\"type\":\"");
        if (kind < 10) {
            json.append("activation\"");
        } else if (kind < 45) {
            json.append("login\"");
        } else if (kind < 90) {
            json.append("custom\",\"eventName\":\"level_up\"");
        } else {
            json.append("payment\",\"revenue\":{\"amount\":\"").append(random.nextInt(1, 100)).append(".99\",")
                    .append("\"currency\":\"USD\"}");
        }
        json.append(",\"device\":{\"gaid\":\"").append(gaid).append("\"}");
        json.append(",\"occurredAt\":\"").append(Instant.now(clock).minusMillis(random.nextInt(5_000))).append('"');
        if (kind < 10 && random.nextBoolean()) {
            json.append(",\"attribution\":{\"mediaSource\":\"tiktokglobal_int\",\"campaign\":\"bench\",\"clickId\":\"c")
                    .append(device).append("\"}");
        }
        if (kind % 7 == 0) {
            json.append(",\"email\":\"user").append(device).append("@example.com\"");
        }
        json.append(",\"appVersion\":\"3.2.1\"}");
    }
}
