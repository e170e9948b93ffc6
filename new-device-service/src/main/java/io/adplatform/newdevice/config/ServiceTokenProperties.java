package io.adplatform.newdevice.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code adplatform.service-token}: the token every service presents on {@code /internal/} calls. */
@ConfigurationProperties("adplatform")
@Validated
public record ServiceTokenProperties(@DefaultValue("local-dev-service-token") @NotBlank String serviceToken) {
}
