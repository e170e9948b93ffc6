package io.adplatform.common.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiHashingTest {

    @Test
    void emailIsTrimmedAndLowerCasedBeforeHashing() {
        // Meta's documented example: SHA-256("john_smith@gmail.com")
        assertThat(PiiHashing.hashEmail("  John_Smith@Gmail.com "))
                .isEqualTo("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
    }

    @Test
    void phoneKeepsDigitsWithCountryCode() {
        assertThat(PiiHashing.normalisePhone("+1 (650) 555-1212")).isEqualTo("16505551212");
        assertThat(PiiHashing.hashPhone("+1 (650) 555-1212")).isEqualTo(PiiHashing.sha256Hex("16505551212"));
        assertThat(PiiHashing.hashPhoneE164("+1 (650) 555-1212")).isEqualTo(PiiHashing.sha256Hex("+16505551212"));
    }

    @Test
    void alreadyHashedValuesAreNotHashedTwice() {
        String digest = PiiHashing.sha256Hex("a@b.co");
        assertThat(PiiHashing.hashEmail(digest.toUpperCase())).isEqualTo(digest);
    }

    @Test
    void invalidValuesHashToNothing() {
        assertThat(PiiHashing.hashEmail("not-an-email")).isNull();
        assertThat(PiiHashing.hashPhone("12")).isNull();
        assertThat(PiiHashing.hash(null, null)).isNull();
    }
}
