package io.adplatform.bidder.bidding;

import io.adplatform.common.dsp.CampaignConfig.Creative;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assets a native impression asks for (OpenRTB Native Ads 1.2 §4: title, main image, icon, description), with
 * their asset ids so the response can answer them, and which are required.
 */
public record NativeSpec(int titleId, boolean titleRequired, int titleLength, int imageId, boolean imageRequired,
                         int iconId, boolean iconRequired, int descriptionId, boolean descriptionRequired,
                         boolean otherRequired) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int IMAGE_ICON = 1;
    private static final int IMAGE_MAIN = 3;
    private static final int DATA_DESC = 2;

    /** The native request, given as a JSON string (as 1.2 asks) or as an object; null if unreadable. */
    public static NativeSpec parse(JsonNode request) {
        if (request == null || request.isNull()) {
            return null;
        }
        JsonNode root = request;
        try {
            if (request.isString()) {
                root = JSON.readTree(request.asString());
            }
        } catch (JacksonException e) {
            return null;
        }
        if (root.has("native")) {
            root = root.get("native"); // Native 1.0 wrapped its request in "native"
        }
        JsonNode assets = root.get("assets");
        if (assets == null || !assets.isArray()) {
            return null;
        }
        int titleId = -1, imageId = -1, iconId = -1, descId = -1, titleLen = Integer.MAX_VALUE;
        boolean titleReq = false, imageReq = false, iconReq = false, descReq = false, otherReq = false;
        for (JsonNode a : assets) {
            int id = a.path("id").asInt(-1);
            boolean required = a.path("required").asInt(0) == 1;
            if (a.has("title")) {
                titleId = id;
                titleReq = required;
                titleLen = a.get("title").path("len").asInt(Integer.MAX_VALUE);
            } else if (a.has("img")) {
                int type = a.get("img").path("type").asInt(IMAGE_MAIN);
                if (type == IMAGE_ICON) {
                    iconId = id;
                    iconReq = required;
                } else if (type == IMAGE_MAIN) {
                    imageId = id;
                    imageReq = required;
                } else {
                    otherReq |= required;
                }
            } else if (a.has("data") && a.get("data").path("type").asInt(-1) == DATA_DESC) {
                descId = id;
                descReq = required;
            } else {
                otherReq |= required;
            }
        }
        return new NativeSpec(titleId, titleReq, titleLen, imageId, imageReq, iconId, iconReq, descId, descReq,
                otherReq);
    }

    /** Whether the creative has every required asset (a title within the asked length). */
    public boolean canFill(Creative c) {
        if (otherRequired) {
            return false;
        }
        if (titleRequired && (c.title() == null || c.title().length() > titleLength)) {
            return false;
        }
        if (imageRequired && c.imageUrl() == null || iconRequired && c.iconUrl() == null) {
            return false;
        }
        return !(descriptionRequired && c.description() == null);
    }
}
