package io.adplatform.ingestion.apps;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * App credentials and request authentication.
 *
 * @param refreshInterval   how often the in-memory copy of the app table is reloaded (other instances' changes show
 *                          up within this delay)
 * @param signatureTolerance how far {@code X-Timestamp} may be from the server's clock, either way
 * @param rotationGrace     how long the previous secret stays valid after a rotation
 */
@Validated
@ConfigurationProperties("adplatform.ingestion.apps")
public record AppsProperties(@NotNull Duration refreshInterval, @NotNull Duration signatureTolerance,
                             @NotNull Duration rotationGrace) {

    public AppsProperties {
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(5) : refreshInterval;
        signatureTolerance = signatureTolerance == null ? Duration.ofMinutes(5) : signatureTolerance;
        rotationGrace = rotationGrace == null ? Duration.ofDays(7) : rotationGrace;
    }
}
