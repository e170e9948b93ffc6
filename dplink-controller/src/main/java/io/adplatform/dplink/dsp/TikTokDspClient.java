package io.adplatform.dplink.dsp;

import io.adplatform.common.kafka.EventJson;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok Marketing API v1.3: {@code ad/update/} sets the deeplink of the ad's creative in place (setting it to what it
 * already is changes nothing, so a repeat is harmless); {@code ad/status/update/} pauses and resumes. Every answer is
 * HTTP 200 with {@code {code, message, request_id, data}}: a non-zero code is the error.
 */
final class TikTokDspClient implements DspClient {

    /** Rate limit, internal error, service busy: the same request may pass later. */
    private static final Set<Integer> RETRYABLE_CODES = Set.of(40100, 40200, 40201, 50000, 50002, 51004);

    private final DspHttp http;
    private final DspProperties.TikTok properties;

    TikTokDspClient(DspHttp http, DspProperties.TikTok properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public Dsp dsp() {
        return Dsp.TIKTOK;
    }

    @Override
    public String setDeepLink(DspAd ad, String deepLink, String swapKey) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("advertiser_id", ad.accountId());
        ObjectNode creative = body.putArray("creatives").addObject();
        creative.put("ad_id", ad.dspAdId());
        creative.put("deeplink", deepLink);
        return call("ad/update/", body);
    }

    @Override
    public String pause(DspAd ad) {
        return status(ad, "DISABLE");
    }

    @Override
    public String resume(DspAd ad) {
        return status(ad, "ENABLE");
    }

    private String status(DspAd ad, String status) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("advertiser_id", ad.accountId());
        body.putArray("ad_ids").add(ad.dspAdId());
        body.put("operation_status", status);
        return call("ad/status/update/", body);
    }

    private String call(String path, ObjectNode body) {
        String url = properties.baseUrl() + "/open_api/v1.3/" + path;
        DspHttp.Answer a = http.json("POST", url, body.toString(), Map.of("Access-Token", properties.accessToken()));
        JsonNode envelope = null;
        try {
            envelope = EventJson.mapper().readTree(a.body());
        } catch (RuntimeException e) {
            // not JSON: judged by status below
        }
        if (a.status() != 200 || envelope == null || !envelope.has("code")) {
            throw new DspException("tiktok " + path + " answered HTTP " + a.status() + ": " + DspHttp.shorten(a.body()),
                    DspHttp.retryableStatus(a.status()), a.status());
        }
        int code = envelope.path("code").asInt();
        if (code != 0) {
            throw new DspException("tiktok " + path + " code " + code + ": " + envelope.path("message").asString(""),
                    RETRYABLE_CODES.contains(code), a.status());
        }
        return "tiktok:" + envelope.path("request_id").asString("");
    }
}
