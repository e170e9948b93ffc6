package io.adplatform.bidder.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BidIdsTest {

    static final Instant T0 = Instant.parse("2026-11-18T14:30:00Z");

    @Test
    void issuedIdsAreUniqueValidAndExpire() {
        BidIds ids = new BidIds("0123456789abcdef-secret", Duration.ofMinutes(60), Clock.fixed(T0, ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.issue();
            assertThat(id).hasSize(32).matches("[A-Za-z0-9_-]+");
            assertThat(seen.add(id)).isTrue();
            assertThat(ids.check(id)).isEqualTo(BidIds.Check.VALID);
        }
        String id = ids.issue();
        BidIds later = new BidIds("0123456789abcdef-secret", Duration.ofMinutes(60),
                Clock.fixed(T0.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));
        assertThat(later.check(id)).isEqualTo(BidIds.Check.EXPIRED);
    }

    @Test
    void forgedIdsAreRefused() {
        BidIds ids = new BidIds("0123456789abcdef-secret", Duration.ofMinutes(60), Clock.fixed(T0, ZoneOffset.UTC));
        BidIds otherKey = new BidIds("another-secret-of-16-bytes", Duration.ofMinutes(60),
                Clock.fixed(T0, ZoneOffset.UTC));
        String id = ids.issue();
        char[] tampered = id.toCharArray();
        tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
        assertThat(ids.check(new String(tampered))).isEqualTo(BidIds.Check.FORGED);
        assertThat(ids.check(otherKey.issue())).isEqualTo(BidIds.Check.FORGED);
        assertThat(ids.check("not-a-bid-id")).isEqualTo(BidIds.Check.FORGED);
        assertThat(ids.check("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")).isEqualTo(BidIds.Check.FORGED);
        assertThat(ids.check(null)).isEqualTo(BidIds.Check.FORGED);
    }
}
