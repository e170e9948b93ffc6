package io.adplatform.admin.adcreation;

import io.adplatform.admin.creatives.AudienceSpec;
import io.adplatform.admin.creatives.Library;
import io.adplatform.admin.creatives.TemplateSettings;
import io.adplatform.common.kafka.EventJson;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form fields of Graph's create calls (partner-apis.md §4), built from a batch's spec. Ids of parents are either
 * media ids or {@code {result=<key>:$.id}} references to an earlier operation of the same batch request.
 */
final class MetaRequests {

    private MetaRequests() {
    }

    static String edge(ObjectKind kind) {
        return switch (kind) {
            case CAMPAIGN -> "campaigns";
            case ADSET -> "adsets";
            case CREATIVE -> "adcreatives";
            case AD -> "ads";
        };
    }

    static String reference(String key) {
        return "{result=" + key + ":$.id}";
    }

    static Map<String, String> campaign(BatchSpec spec, String name) {
        TemplateSettings s = spec.template().settings();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("objective", s.objective());
        f.put("status", s.status());
        f.put("special_ad_categories", "[]");
        return f;
    }

    static Map<String, String> adSet(BatchSpec spec, String name, String campaignId, AudienceSpec audience) {
        TemplateSettings s = spec.template().settings();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("campaign_id", campaignId);
        f.put("optimization_goal", s.optimizationGoal());
        f.put("billing_event", s.billingEvent());
        f.put("targeting", targeting(audience, s).toString());
        f.put("status", s.status());
        f.put("DAILY".equals(s.budgetType()) ? "daily_budget" : "lifetime_budget", Long.toString(s.budgetAmount()));
        if (s.bidStrategy() != null) {
            f.put("bid_strategy", s.bidStrategy());
        }
        if (s.bidAmount() != null) {
            f.put("bid_amount", Long.toString(s.bidAmount()));
        }
        if (s.startTime() != null) {
            f.put("start_time", Long.toString(s.startTime().getEpochSecond()));
        }
        if (s.endTime() != null) {
            f.put("end_time", Long.toString(s.endTime().getEpochSecond()));
        }
        if (s.applicationId() != null) {
            ObjectNode promoted = EventJson.mapper().createObjectNode();
            promoted.put("application_id", s.applicationId());
            promoted.put("object_store_url", spec.link());
            f.put("promoted_object", promoted.toString());
        }
        return f;
    }

    static ObjectNode targeting(AudienceSpec a, TemplateSettings s) {
        ObjectNode t = EventJson.mapper().createObjectNode();
        ArrayNode countries = t.putObject("geo_locations").putArray("countries");
        a.countries().forEach(countries::add);
        if (a.ageMin() != null) {
            t.put("age_min", a.ageMin());
        }
        if (a.ageMax() != null) {
            t.put("age_max", a.ageMax());
        }
        switch (a.gender()) {
            case "MALE" -> t.putArray("genders").add(1);
            case "FEMALE" -> t.putArray("genders").add(2);
            default -> { }
        }
        switch (a.os()) {
            case "ANDROID" -> t.putArray("user_os").add("Android");
            case "IOS" -> t.putArray("user_os").add("iOS");
            default -> { }
        }
        if (!s.placements().isEmpty()) {
            ArrayNode p = t.putArray("publisher_platforms");
            s.placements().forEach(p::add);
        }
        return t;
    }

    static Map<String, String> creative(BatchSpec spec, String name, Library.AdCopy copy, String pictureUrl) {
        TemplateSettings s = spec.template().settings();
        ObjectNode story = EventJson.mapper().createObjectNode();
        story.put("page_id", s.pageId());
        ObjectNode link = story.putObject("link_data");
        link.put("link", spec.link());
        link.put("message", copy.primaryText());
        if (copy.headline() != null) {
            link.put("name", copy.headline());
        }
        if (copy.description() != null) {
            link.put("description", copy.description());
        }
        // Graph fetches the picture from this URL; uploading to act_/adimages for an image_hash is not done (docs).
        link.put("picture", pictureUrl);
        ObjectNode cta = link.putObject("call_to_action");
        cta.put("type", s.callToAction());
        cta.putObject("value").put("link", spec.link());
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("object_story_spec", story.toString());
        return f;
    }

    static Map<String, String> ad(BatchSpec spec, String name, String adSetId, String creativeId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("adset_id", adSetId);
        f.put("creative", "{\"creative_id\":\"" + creativeId + "\"}");
        f.put("status", spec.template().settings().status());
        return f;
    }

    /**
     * URL-encodes the fields, leaving {@code {result=…}} references as written (Graph resolves them in the raw body).
     */
    static String encode(Map<String, String> fields) {
        String encoded = MediaHttp.form(fields);
        int from = 0;
        StringBuilder out = new StringBuilder();
        String open = MediaHttp.enc("{result=");
        int at;
        while ((at = encoded.indexOf(open, from)) >= 0) {
            int end = encoded.indexOf(MediaHttp.enc("}"), at);
            out.append(encoded, from, at);
            String ref = java.net.URLDecoder.decode(encoded.substring(at, end + 3), java.nio.charset.StandardCharsets.UTF_8);
            out.append(ref);
            from = end + 3;
        }
        out.append(encoded.substring(from));
        return out.toString();
    }
}
