package io.adplatform.common.event;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Event ids: UUIDs, version 7 recommended (RFC 9562: 48-bit unix milliseconds, then random), so ids sort by time and
 * spread evenly. SDKs generate them; a retried request sends the same id.
 */
public final class EventIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static String newId(Clock clock) {
        long millis = clock.millis();
        long rand = RANDOM.nextLong();
        long msb = (millis << 16) | 0x7000L | ((rand >>> 52) & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public static String newId() {
        return newId(Clock.systemUTC());
    }

    public static boolean isValid(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }

    /** Milliseconds since the epoch carried by a version-7 id, or -1 for other versions. */
    public static long timestampMillis(String id) {
        UUID uuid = UUID.fromString(id);
        return uuid.version() == 7 ? uuid.getMostSignificantBits() >>> 16 : -1;
    }
}
