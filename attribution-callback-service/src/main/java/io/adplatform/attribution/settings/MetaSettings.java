package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param datasetId     the dataset (pixel) id events are posted to
 * @param accessToken   the Conversions API access token
 * @param testEventCode optional: routes events to Events Manager's test view instead of production
 */
public record MetaSettings(boolean enabled, String datasetId, String accessToken, String testEventCode)
        implements PartnerSettings {

    @Override
    public Partner partner() {
        return Partner.META;
    }

    @Override
    public String secret() {
        return accessToken;
    }

    @Override
    public Map<String, String> publicConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("datasetId", datasetId);
        if (testEventCode != null) {
            m.put("testEventCode", testEventCode);
        }
        return m;
    }

    @Override
    public String toString() {
        return "MetaSettings[enabled=" + enabled + ", datasetId=" + datasetId + ", accessToken="
                + SecretCipher.mask(accessToken) + ", testEventCode=" + testEventCode + "]";
    }
}
