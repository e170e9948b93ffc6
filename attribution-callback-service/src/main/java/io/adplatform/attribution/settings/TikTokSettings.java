package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param eventSourceId the TikTok app event source (or pixel) id
 * @param accessToken   the Events API access token, sent as the {@code Access-Token} header
 * @param appId         optional store app id for {@code app.app_id}; the product id when absent
 * @param testEventCode optional test event code
 */
public record TikTokSettings(boolean enabled, String eventSourceId, String accessToken, String appId,
                             String testEventCode) implements PartnerSettings {

    @Override
    public Partner partner() {
        return Partner.TIKTOK;
    }

    @Override
    public String secret() {
        return accessToken;
    }

    @Override
    public Map<String, String> publicConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("eventSourceId", eventSourceId);
        if (appId != null) {
            m.put("appId", appId);
        }
        if (testEventCode != null) {
            m.put("testEventCode", testEventCode);
        }
        return m;
    }

    @Override
    public String toString() {
        return "TikTokSettings[enabled=" + enabled + ", eventSourceId=" + eventSourceId + ", accessToken="
                + SecretCipher.mask(accessToken) + ", appId=" + appId + "]";
    }
}
