package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** All partner settings of one product (our app id). A product exists for this service once it has any. */
public record ProductSettings(String productId, Map<Partner, PartnerSettings> partners) {

    public ProductSettings {
        partners = partners.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(partners));
    }

    public Optional<PartnerSettings> get(Partner partner) {
        return Optional.ofNullable(partners.get(partner));
    }

    /** Partners this product reports to right now. */
    public Set<Partner> enabledPartners() {
        return partners.values().stream().filter(PartnerSettings::enabled).map(PartnerSettings::partner)
                .collect(Collectors.toUnmodifiableSet());
    }
}
