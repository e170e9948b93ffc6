package io.adplatform.bidder.bidding;

import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.kafka.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ad markup ({@code adm}) of a bid, with our impression tracker and click redirect in it: banner HTML (the
 * creative's own HTML, or an image in a link), a VAST document (the creative's, with an {@code <Impression>} added) or
 * a Native 1.2 response answering the request's asset ids. A creative's markup may place the click URL itself with
 * {@value #CLICK_MACRO}.
 */
public final class AdMarkup {

    public static final String CLICK_MACRO = "{{CLICK_URL}}";

    private AdMarkup() {
    }

    public static String of(Creative c, Slot slot, String impressionUrl, String clickUrl) {
        return switch (c.format()) {
            case BANNER -> banner(c, impressionUrl, clickUrl);
            case VIDEO -> vast(c, impressionUrl, clickUrl);
            case NATIVE -> nativeResponse(c, slot.nativeSpec(), impressionUrl, clickUrl);
        };
    }

    static String banner(Creative c, String impressionUrl, String clickUrl) {
        String pixel = "<img src=\"" + html(impressionUrl) + "\" width=\"1\" height=\"1\" style=\"display:none\" alt=\"\">";
        String markup = c.markup();
        if (markup != null && markup.stripLeading().startsWith("<")) {
            return markup.replace(CLICK_MACRO, html(clickUrl)) + pixel;
        }
        String image = markup != null && !markup.isBlank() ? markup : c.imageUrl();
        return "<a href=\"" + html(clickUrl) + "\" target=\"_blank\"><img src=\"" + html(image) + "\" width=\""
                + c.w() + "\" height=\"" + c.h() + "\" alt=\"\"></a>" + pixel;
    }

    /** Adds our impression tracker to the creative's VAST (after AdSystem/AdTitle of the InLine or Wrapper). */
    static String vast(Creative c, String impressionUrl, String clickUrl) {
        String vast = c.markup().replace(CLICK_MACRO, "<![CDATA[" + clickUrl + "]]>");
        String tracker = "<Impression><![CDATA[" + impressionUrl + "]]></Impression>";
        int at = vast.indexOf("</AdTitle>");
        if (at >= 0) {
            at += "</AdTitle>".length();
        } else {
            at = vast.indexOf("</AdSystem>");
            at = at < 0 ? -1 : at + "</AdSystem>".length();
        }
        if (at < 0) {
            int open = Math.max(vast.indexOf("<InLine>"), vast.indexOf("<Wrapper>"));
            at = open < 0 ? -1 : vast.indexOf('>', open) + 1;
        }
        return at <= 0 ? vast : vast.substring(0, at) + tracker + vast.substring(at);
    }

    static String nativeResponse(Creative c, NativeSpec spec, String impressionUrl, String clickUrl) {
        List<Map<String, Object>> assets = new ArrayList<>();
        if (spec.titleId() >= 0 && c.title() != null) {
            assets.add(Map.of("id", spec.titleId(), "title", Map.of("text", c.title())));
        }
        if (spec.imageId() >= 0 && c.imageUrl() != null) {
            assets.add(Map.of("id", spec.imageId(), "img", img(c.imageUrl(), c.w(), c.h())));
        }
        if (spec.iconId() >= 0 && c.iconUrl() != null) {
            assets.add(Map.of("id", spec.iconId(), "img", Map.of("url", c.iconUrl())));
        }
        if (spec.descriptionId() >= 0 && c.description() != null) {
            assets.add(Map.of("id", spec.descriptionId(), "data", Map.of("value", c.description())));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("ver", "1.2");
        response.put("assets", assets);
        response.put("link", Map.of("url", clickUrl));
        response.put("eventtrackers", List.of(Map.of("event", 1, "method", 1, "url", impressionUrl)));
        response.put("imptrackers", List.of(impressionUrl));
        return EventJson.mapper().writeValueAsString(response);
    }

    private static Map<String, Object> img(String url, int w, int h) {
        return w > 0 && h > 0 ? Map.of("url", url, "w", w, "h", h) : Map.of("url", url);
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
