package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import java.time.Instant;
import java.util.Map;

/** Settings as the API shows them: the secret masked ({@code ••••abcd}). */
public record PartnerSettingsView(String productId, Partner partner, boolean enabled, Map<String, String> config,
                                  String secret, Instant createdAt, Instant updatedAt) {
}
