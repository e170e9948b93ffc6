package io.adplatform.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    final TokenCipher cipher = new TokenCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "test.key");

    @Test
    void aSealedTokenOpensOnlyForItsAccountAndHoldsNoPlainText() {
        byte[] sealed = cipher.seal("EAAB-secret-token", "META:act_1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(cipher.open(sealed, "META:act_1")).isEqualTo("EAAB-secret-token");
        assertThatThrownBy(() -> cipher.open(sealed, "META:act_2")).isInstanceOf(IllegalStateException.class);
        assertThat(cipher.seal("EAAB-secret-token", "META:act_1")).isNotEqualTo(sealed);
    }

    @Test
    void aKeyThatIsNot32BytesIsRefused() {
        assertThatThrownBy(() -> new TokenCipher(new byte[16], "test.key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }
}
