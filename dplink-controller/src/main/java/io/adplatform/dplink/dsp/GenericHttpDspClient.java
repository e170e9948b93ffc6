package io.adplatform.dplink.dsp;

import io.adplatform.common.kafka.EventJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DSP we have no dedicated client for, by configuration ({@link DspProperties.Generic}): a PUT of the deep link
 * (with the swap key as request id, for DSPs that dedup) and a PUT of the status. PUT is idempotent by contract.
 */
final class GenericHttpDspClient implements DspClient {

    private final DspHttp http;
    private final DspProperties.Generic properties;

    GenericHttpDspClient(DspHttp http, DspProperties.Generic properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public Dsp dsp() {
        return Dsp.GENERIC;
    }

    @Override
    public String setDeepLink(DspAd ad, String deepLink, String swapKey) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("deeplink", deepLink);
        body.put("requestId", swapKey);
        return put(path(properties.deeplinkPath(), ad), body);
    }

    @Override
    public String pause(DspAd ad) {
        return status(ad, "PAUSED");
    }

    @Override
    public String resume(DspAd ad) {
        return status(ad, "ACTIVE");
    }

    private String status(DspAd ad, String status) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("status", status);
        return put(path(properties.statusPath(), ad), body);
    }

    private String put(String path, ObjectNode body) {
        DspHttp.Answer a = http.json("PUT", properties.baseUrl() + path, body.toString(),
                Map.of("Authorization", "Bearer " + properties.token()));
        if (a.status() / 100 != 2) {
            throw new DspException("dsp " + path + " answered HTTP " + a.status() + ": " + DspHttp.shorten(a.body()),
                    DspHttp.retryableStatus(a.status()), a.status());
        }
        return "generic:" + a.status();
    }

    private static String path(String template, DspAd ad) {
        return template.replace("{accountId}", enc(ad.accountId())).replace("{adId}", enc(ad.dspAdId()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
