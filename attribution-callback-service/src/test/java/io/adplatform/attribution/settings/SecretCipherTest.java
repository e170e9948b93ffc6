package io.adplatform.attribution.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    final SecretCipher cipher = new SecretCipher(Base64.getDecoder().decode(SettingsProperties.DEV_ONLY_KEY));

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        byte[] a = cipher.encrypt("s2s-key-123456", "p1/APPSFLYER");
        byte[] b = cipher.encrypt("s2s-key-123456", "p1/APPSFLYER");

        assertThat(cipher.decrypt(a, "p1/APPSFLYER")).isEqualTo("s2s-key-123456");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s2s-key");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrTamperedWithDoesNotOpen() {
        byte[] sealed = cipher.encrypt("token-abcdefgh", "p1/META");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(sealed, "p2/META")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "p1/META")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(new byte[7]).encrypt("x", "y"))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherKey = new byte[32];
        assertThatThrownBy(() -> new SecretCipher(otherKey).decrypt(sealed, "p1/META"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("token");
    }

    @Test
    void masksAllButTheLastFour() {
        assertThat(SecretCipher.mask("abcdefgh1234")).isEqualTo("••••1234");
        assertThat(SecretCipher.mask("short")).isEqualTo("••••");
        assertThat(new MetaSettings(true, "123", "my-secret-token-9999", null).toString())
                .doesNotContain("my-secret").contains("••••9999");
    }
}
