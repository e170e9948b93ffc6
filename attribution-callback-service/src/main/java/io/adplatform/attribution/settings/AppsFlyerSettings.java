package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import java.util.Map;

/**
 * @param appId  AppsFlyer app id: Android package name or iOS {@code id} + digits
 * @param s2sKey the app's S2S key, sent as the {@code authentication} header
 */
public record AppsFlyerSettings(boolean enabled, String appId, String s2sKey) implements PartnerSettings {

    @Override
    public Partner partner() {
        return Partner.APPSFLYER;
    }

    @Override
    public String secret() {
        return s2sKey;
    }

    @Override
    public Map<String, String> publicConfig() {
        return Map.of("appId", appId);
    }

    @Override
    public String toString() {
        return "AppsFlyerSettings[enabled=" + enabled + ", appId=" + appId + ", s2sKey=" + SecretCipher.mask(s2sKey) + "]";
    }
}
