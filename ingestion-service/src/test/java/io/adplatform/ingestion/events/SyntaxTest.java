package io.adplatform.ingestion.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adplatform.common.event.EventIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks answer exactly like the regular expressions and the JDK parser they replace. */
class SyntaxTest {

    static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_.:\\-]+$");
    static final Pattern TOKEN_WITH_SPACE = Pattern.compile("^[A-Za-z0-9_.:\\- ]+$");
    static final String ALPHABET = "0123456789abcdefABCDEFxyzXYZ-_.: /é+";

    @Test
    void uuidAndTokenChecksAgreeWithTheRegularExpressions() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            String s = i % 3 == 0 ? mutate(UUID.randomUUID().toString(), random) : randomText(random);
            assertThat(Syntax.isUuid(s)).as(s).isEqualTo(EventIds.isValid(s));
            assertThat(Syntax.isToken(s, false)).as(s).isEqualTo(TOKEN.matcher(s).matches());
            assertThat(Syntax.isToken(s, true)).as(s).isEqualTo(TOKEN_WITH_SPACE.matcher(s).matches());
        }
        assertThat(Syntax.isUuid(null)).isFalse();
        assertThat(Syntax.isDigitsDashDigits("1700000000000-1234567", 13, 7)).isTrue();
        assertThat(Syntax.isDigitsDashDigits("1700000000000-123456a", 13, 7)).isFalse();
        assertThat(Syntax.isDigitsDashDigits("17000000000001-234567", 13, 7)).isFalse();
    }

    @Test
    void dateTimesParseLikeOffsetDateTime() {
        List<String> samples = List.of("2026-11-21T10:15:30Z", "2026-11-21T10:15:30.1Z", "2026-11-21T10:15:30.123Z",
                "2026-11-21T10:15:30.123456789Z", "2026-11-21T12:15:30.5+02:00", "2026-11-21T05:15:30-05:00",
                "2026-11-21T10:15Z", "2026-11-21T10:15:30+0200", "2026-11-21T10:15:30", "2026-02-30T10:15:30Z",
                "2026-11-21T24:00:00Z", "2026-11-21T10:15:30.Z", "2026-11-21T10:15:30.1234567891Z",
                "2026-11-21t10:15:30Z", "2026-11-21T10:15:30z", "2026-11-21T10:15:30+19:00", "+12026-11-21T10:15:30Z",
                "2026-1-21T10:15:30Z", "2024-02-29T23:59:59.999+14:00", "2026-11-21T10:15:30-00:00", "garbage", "");
        for (String s : samples) {
            Instant expected = null;
            try {
                expected = OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> Syntax.parseOffsetDateTime(s)).as(s).isInstanceOf(DateTimeParseException.class);
            }
            if (expected != null) {
                assertThat(Syntax.parseOffsetDateTime(s)).as(s).isEqualTo(expected);
            }
        }
    }

    private static String mutate(String uuid, Random random) {
        char[] c = uuid.toCharArray();
        int k = random.nextInt(3);
        for (int j = 0; j < k; j++) {
            c[random.nextInt(c.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return random.nextBoolean() ? new String(c).toUpperCase() : new String(c);
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int j = 0; j < n; j++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
