package io.adplatform.attribution.settings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adplatform.attribution.settings.*}.
 *
 * @param encryptionKey base64 AES key (16/24/32 bytes) sealing partner secrets. The default is a published DEV-ONLY key:
 *                      every real deployment sets its own (e.g. env {@code ADPLATFORM_ATTRIBUTION_SETTINGS_ENCRYPTION_KEY})
 * @param cacheTtl      how long the delivery path reuses settings and rules read from the database; writes through this
 *                      instance's API take effect at once, writes through another instance within this time
 */
@Validated
@ConfigurationProperties("adplatform.attribution.settings")
public record SettingsProperties(@NotBlank String encryptionKey, @NotNull Duration cacheTtl) {

    public static final String DEV_ONLY_KEY = "egPEUhGosHrqD6iUn2H9HaB50HK3ukyZBoUEkXEzvCc=";

    public SettingsProperties {
        if (encryptionKey == null) {
            encryptionKey = DEV_ONLY_KEY;
        }
        if (cacheTtl == null) {
            cacheTtl = Duration.ofSeconds(10);
        }
    }

    byte[] keyBytes() {
        try {
            return Base64.getDecoder().decode(encryptionKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("adplatform.attribution.settings.encryption-key is not base64");
        }
    }
}
