package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import java.util.Map;

/** A product's settings for one partner: public identifiers plus one secret. */
public sealed interface PartnerSettings permits AppsFlyerSettings, MetaSettings, TikTokSettings {

    Partner partner();

    boolean enabled();

    /** The credential (S2S key or access token); never logged, shown masked. */
    String secret();

    /** Everything but the secret, as shown by the API and stored in clear. */
    Map<String, String> publicConfig();

    /** Builds settings of {@code partner} from stored public config and the decrypted secret. */
    static PartnerSettings of(Partner partner, boolean enabled, Map<String, String> config, String secret) {
        return switch (partner) {
            case APPSFLYER -> new AppsFlyerSettings(enabled, config.get("appId"), secret);
            case META -> new MetaSettings(enabled, config.get("datasetId"), secret, config.get("testEventCode"));
            case TIKTOK -> new TikTokSettings(enabled, config.get("eventSourceId"), secret, config.get("appId"),
                    config.get("testEventCode"));
        };
    }
}
