package io.adplatform.attribution.settings;

import io.adplatform.attribution.web.ApiProblem;
import io.adplatform.common.event.Partner;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Partner settings per product: stored with the secret sealed, served masked, and read by the delivery path through a
 * short-lived cache (the hot path asks once per event).
 */
@Service
public class SettingsService {

    private record Cached(Optional<ProductSettings> settings, Instant loadedAt) {
    }

    private final SettingsRepository repository;
    private final SecretCipher cipher;
    private final SettingsProperties properties;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SettingsService(SettingsRepository repository, SettingsProperties properties, Clock clock) {
        this.repository = repository;
        this.cipher = new SecretCipher(properties.keyBytes());
        this.properties = properties;
        this.clock = clock;
    }

    /** The product's settings for the delivery path, or empty when the product has none. */
    public Optional<ProductSettings> forProduct(String productId) {
        Instant now = clock.instant();
        Cached c = cache.get(productId);
        if (c == null || c.loadedAt().plus(properties.cacheTtl()).isBefore(now)) {
            c = new Cached(load(productId), now);
            cache.put(productId, c);
        }
        return c.settings();
    }

    public boolean productExists(String productId) {
        return !repository.findByProduct(productId).isEmpty();
    }

    List<PartnerSettingsView> list(String productId) {
        List<SettingsRepository.Row> rows = repository.findByProduct(productId);
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("product '" + productId + "' has no partner settings");
        }
        return rows.stream().map(this::view).toList();
    }

    PartnerSettingsView get(String productId, Partner partner) {
        return repository.find(productId, partner).map(this::view).orElseThrow(() -> ApiProblem.notFound(
                "product '" + productId + "' has no " + partner.name().toLowerCase() + " settings"));
    }

    PartnerSettingsView put(String productId, Partner partner, Boolean enabled, Map<String, String> config,
                            String secret, String secretField) {
        Optional<SettingsRepository.Row> existing = repository.find(productId, partner);
        if (secret == null && existing.isEmpty()) {
            throw ApiProblem.badField(secretField, "is required when the settings are created");
        }
        Instant now = clock.instant();
        byte[] sealed = secret != null ? cipher.encrypt(secret, aad(productId, partner)) : existing.get().secret();
        SettingsRepository.Row row = new SettingsRepository.Row(productId, partner, enabled == null || enabled,
                Map.copyOf(config), sealed, existing.map(SettingsRepository.Row::createdAt).orElse(now), now);
        repository.upsert(row);
        cache.remove(productId);
        return view(row);
    }

    void delete(String productId, Partner partner) {
        if (!repository.delete(productId, partner)) {
            throw ApiProblem.notFound("product '" + productId + "' has no " + partner.name().toLowerCase() + " settings");
        }
        cache.remove(productId);
    }

    private Optional<ProductSettings> load(String productId) {
        List<SettingsRepository.Row> rows = repository.findByProduct(productId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Partner, PartnerSettings> map = new EnumMap<>(Partner.class);
        for (SettingsRepository.Row r : rows) {
            map.put(r.partner(), PartnerSettings.of(r.partner(), r.enabled(), r.config(),
                    cipher.decrypt(r.secret(), aad(r.productId(), r.partner()))));
        }
        return Optional.of(new ProductSettings(productId, map));
    }

    private PartnerSettingsView view(SettingsRepository.Row r) {
        String secret = cipher.decrypt(r.secret(), aad(r.productId(), r.partner()));
        return new PartnerSettingsView(r.productId(), r.partner(), r.enabled(), r.config(), SecretCipher.mask(secret),
                r.createdAt(), r.updatedAt());
    }

    private static String aad(String productId, Partner partner) {
        return productId + '/' + partner.name();
    }
}
