package io.adplatform.dplink.dsp;

import io.adplatform.common.kafka.EventJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta Marketing API. A creative cannot be edited once made (partner-apis.md §4), so a swap creates a creative with
 * the new deep link as its {@code app_link} and re-points the ad to it. Before creating, the ad's current creative is
 * read: if it already carries the deep link (a worker died after the re-point, before recording it), nothing is
 * created again.
 */
final class MetaDspClient implements DspClient {

    private final DspHttp http;
    private final DspProperties.Meta properties;

    MetaDspClient(DspHttp http, DspProperties.Meta properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public Dsp dsp() {
        return Dsp.META;
    }

    @Override
    public String setDeepLink(DspAd ad, String deepLink, String swapKey) {
        String current = currentAppLink(ad);
        if (deepLink.equals(current)) {
            return "meta:already-serving";
        }
        if (ad.pageId() == null || ad.landingUrl() == null) {
            throw new DspException("meta ad " + ad.dspAdId() + " needs pageId and landingUrl to create creatives", false, null);
        }
        ObjectNode spec = EventJson.mapper().createObjectNode();
        spec.put("page_id", ad.pageId());
        ObjectNode linkData = spec.putObject("link_data");
        linkData.put("link", ad.landingUrl());
        ObjectNode cta = linkData.putObject("call_to_action");
        cta.put("type", "INSTALL_MOBILE_APP");
        ObjectNode value = cta.putObject("value");
        value.put("link", ad.landingUrl());
        value.put("app_link", deepLink);
        Map<String, String> creative = new LinkedHashMap<>();
        creative.put("name", "dplink " + swapKey);
        creative.put("object_story_spec", spec.toString());
        creative.put("access_token", properties.accessToken());
        JsonNode made = post(account(ad) + "/adcreatives", creative);
        String creativeId = made.path("id").asString("");
        if (creativeId.isEmpty()) {
            throw new DspException("meta adcreatives answered without an id", true, 200);
        }
        Map<String, String> repoint = new LinkedHashMap<>();
        repoint.put("creative", "{\"creative_id\":\"" + creativeId + "\"}");
        repoint.put("access_token", properties.accessToken());
        post(ad.dspAdId(), repoint);
        return "meta:creative:" + creativeId;
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
        Map<String, String> form = new LinkedHashMap<>();
        form.put("status", status);
        form.put("access_token", properties.accessToken());
        post(ad.dspAdId(), form);
        return "meta:status:" + status;
    }

    /** The app link of the creative the ad points to now, or null. */
    private String currentAppLink(DspAd ad) {
        JsonNode a = get(ad.dspAdId() + "?fields=creative,status");
        String creativeId = a.path("creative").path("id").asString("");
        if (creativeId.isEmpty()) {
            return null;
        }
        JsonNode c = get(creativeId + "?fields=object_story_spec");
        JsonNode spec = c.path("object_story_spec");
        if (spec.isString()) {
            spec = EventJson.mapper().readTree(spec.asString());
        }
        String link = spec.path("link_data").path("call_to_action").path("value").path("app_link").asString("");
        return link.isEmpty() ? null : link;
    }

    private String base() {
        return properties.baseUrl() + '/' + properties.apiVersion() + '/';
    }

    private static String account(DspAd ad) {
        return ad.accountId().startsWith("act_") ? ad.accountId() : "act_" + ad.accountId();
    }

    private JsonNode post(String path, Map<String, String> form) {
        return judge(path, http.form(base() + path, form));
    }

    private JsonNode get(String pathAndQuery) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return judge(pathAndQuery, http.get(base() + pathAndQuery + sep + "access_token="
                + URLEncoder.encode(properties.accessToken(), StandardCharsets.UTF_8)));
    }

    /** Graph errors: {@code {"error":{code, is_transient, message}}}; throttling codes and 5xx may pass later. */
    private static JsonNode judge(String path, DspHttp.Answer a) {
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(a.body());
        } catch (RuntimeException e) {
            body = null;
        }
        if (a.status() / 100 == 2 && body != null && !body.has("error")) {
            return body;
        }
        JsonNode error = body == null ? null : body.path("error");
        int code = error == null ? 0 : error.path("code").asInt(0);
        boolean retryable = DspHttp.retryableStatus(a.status()) || isThrottle(code)
                || (error != null && error.path("is_transient").asBoolean(false));
        String message = error == null ? DspHttp.shorten(a.body()) : error.path("message").asString("");
        throw new DspException("meta " + path.replaceAll("\\?.*", "") + " answered HTTP " + a.status()
                + (code == 0 ? "" : " code " + code) + ": " + message, retryable, a.status());
    }

    static boolean isThrottle(int code) {
        return code == 1 || code == 2 || code == 4 || code == 17 || code == 32 || code == 613
                || (code >= 80000 && code <= 80014);
    }
}
