package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.AccountCredentials;
import io.adplatform.admin.adaccounts.AdsProperties;
import io.adplatform.admin.adaccounts.Media;
import io.adplatform.admin.creatives.AudienceSpec;
import io.adplatform.admin.creatives.Library;
import io.adplatform.admin.creatives.TemplateSettings;
import io.adplatform.common.kafka.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok: one create call per object ({@code campaign/create/}, {@code adgroup/create/}, {@code ad/create/} with one
 * creative), envelope {@code {code, message, request_id, data}}; code 40100 is throttling (the advertiser rests),
 * 50000 and 5xx transient (outcome unknown), anything else a refusal. Images are uploaded once per advertiser by URL
 * ({@code file/image/ad/upload/}) for their {@code image_id}.
 */
final class TikTokCreator implements MediaCreator {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final MediaHttp http;
    private final AdsProperties.TikTok props;
    private final java.time.Clock clock;
    /** advertiser + asset sha256 → TikTok image id: uploading again is harmless, but wasteful. */
    private final Map<String, String> imageIds = new ConcurrentHashMap<>();

    TikTokCreator(MediaHttp http, AdsProperties.TikTok props, java.time.Clock clock) {
        this.http = http;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public Media media() {
        return Media.TIKTOK;
    }

    private String api(String path) {
        return props.baseUrl() + "/open_api/v1.3/" + path;
    }

    /** One object at a time, parents first. */
    @Override
    public List<AdObject> nextChunk(List<AdObject> accountObjects, int maxOps, Instant now) {
        Map<String, AdObject> byKey = new HashMap<>();
        accountObjects.forEach(o -> byKey.put(o.key(), o));
        for (AdObject o : accountObjects) {
            if (o.due(now) && MetaChunker.parentReady(o, byKey, java.util.Set.of())) {
                return List.of(o);
            }
        }
        return List.of();
    }

    @Override
    public Sent send(AccountCredentials account, BatchSpec spec, List<AdObject> chunk, Map<String, AdObject> byKey,
                     Map<String, String> ids) {
        List<Outcome> outcomes = new ArrayList<>();
        boolean throttled = false;
        for (AdObject o : chunk) {
            if (throttled) {
                outcomes.add(new Outcome(o.id(), Result.NOT_RUN, null, "not sent: the advertiser is throttled"));
                continue;
            }
            Outcome out;
            try {
                out = create(account, spec, o, byKey, ids);
            } catch (Throttled t) {
                out = new Outcome(o.id(), Result.THROTTLED, null, t.getMessage());
            } catch (Refused r) {
                out = new Outcome(o.id(), Result.FAILED, null, r.getMessage());
            }
            throttled = out.result() == Result.THROTTLED;
            outcomes.add(out);
        }
        return new Sent(outcomes, throttled ? props.throttleWait() : java.time.Duration.ZERO);
    }

    private Outcome create(AccountCredentials account, BatchSpec spec, AdObject o, Map<String, AdObject> byKey,
                           Map<String, String> ids) {
        TemplateSettings s = spec.template().settings();
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("advertiser_id", account.accountId());
        String path;
        String idField;
        switch (o.kind()) {
            case CAMPAIGN -> {
                path = "campaign/create/";
                idField = "campaign_id";
                body.put("campaign_name", o.name());
                body.put("objective_type", s.objectiveType());
                body.put("budget_mode", "BUDGET_MODE_INFINITE");
                body.put("operation_status", statusWord("ACTIVE".equals(s.status())));
            }
            case ADSET -> {
                path = "adgroup/create/";
                idField = "adgroup_id";
                adGroup(body, spec, s, spec.audience(o.audienceId()).spec(), ids.get(o.parentKey()), o.name());
            }
            case AD -> {
                path = "ad/create/";
                idField = "ad_ids";
                body.put("adgroup_id", ids.get(o.parentKey()));
                Library.AdCopy copy = spec.copy(o.copyId());
                Library.Asset asset = spec.asset(o.assetId());
                ObjectNode c = body.putArray("creatives").addObject();
                c.put("ad_name", o.name());
                c.put("ad_format", "SINGLE_IMAGE");
                c.put("ad_text", copy.primaryText());
                c.putArray("image_ids").add(imageId(account, asset, spec.assetUrl(asset.id())));
                c.put("call_to_action", s.callToAction());
                c.put("landing_page_url", spec.link());
            }
            default -> throw new IllegalStateException("TikTok has no " + o.kind() + " objects");
        }
        JsonNode data;
        try {
            data = call(account, path, body);
        } catch (MediaHttp.Failure f) {
            return new Outcome(o.id(), Result.UNKNOWN, null, f.getMessage());
        } catch (Unknown u) {
            return new Outcome(o.id(), Result.UNKNOWN, null, u.getMessage());
        }
        JsonNode id = data.path(idField);
        String mediaId = id.isArray() ? (id.isEmpty() ? null : id.get(0).asString()) : id.asString(null);
        if (mediaId == null) {
            return new Outcome(o.id(), Result.UNKNOWN, null, "answer without " + idField);
        }
        return new Outcome(o.id(), Result.CREATED, mediaId, null);
    }

    private void adGroup(ObjectNode b, BatchSpec spec, TemplateSettings s, AudienceSpec a, String campaignId,
                         String name) {
        b.put("campaign_id", campaignId);
        b.put("adgroup_name", name);
        if (s.placements().isEmpty()) {
            b.put("placement_type", "PLACEMENT_TYPE_AUTOMATIC");
        } else {
            b.put("placement_type", "PLACEMENT_TYPE_NORMAL");
            ArrayNode p = b.putArray("placements");
            s.placements().forEach(p::add);
        }
        ArrayNode loc = b.putArray("location_ids");
        a.locationIds().forEach(loc::add);
        b.put("budget_mode", "DAILY".equals(s.budgetType()) ? "BUDGET_MODE_DAY" : "BUDGET_MODE_TOTAL");
        b.put("budget", major(s.budgetAmount()));
        Instant start = s.startTime() == null ? clock.instant() : s.startTime();
        b.put("schedule_type", s.endTime() == null ? "SCHEDULE_FROM_NOW" : "SCHEDULE_START_END");
        b.put("schedule_start_time", TIME.format(start));
        if (s.endTime() != null) {
            b.put("schedule_end_time", TIME.format(s.endTime()));
        }
        b.put("optimization_goal", s.optimizationGoal());
        b.put("billing_event", s.billingEvent());
        b.put("pacing", s.pacing() == null ? "PACING_MODE_SMOOTH" : s.pacing());
        b.put("bid_type", s.bidType() == null ? "BID_TYPE_NO_BID" : s.bidType());
        if (s.bidAmount() != null) {
            b.put("bid_price", major(s.bidAmount()));
        }
        if (s.applicationId() != null) {
            b.put("app_id", s.applicationId());
        }
        List<String> ages = ageGroups(a.ageMin(), a.ageMax());
        if (!ages.isEmpty()) {
            ArrayNode g = b.putArray("age_groups");
            ages.forEach(g::add);
        }
        b.put("gender", switch (a.gender()) {
            case "MALE" -> "GENDER_MALE";
            case "FEMALE" -> "GENDER_FEMALE";
            default -> "GENDER_UNLIMITED";
        });
        if (!"ALL".equals(a.os())) {
            b.putArray("operating_systems").add(a.os());
        }
        if (!a.languages().isEmpty()) {
            ArrayNode l = b.putArray("languages");
            a.languages().forEach(l::add);
        }
        b.put("operation_status", statusWord("ACTIVE".equals(s.status())));
    }

    /** TikTok's age buckets overlapping the range; none when the audience sets no range. */
    static List<String> ageGroups(Integer min, Integer max) {
        if (min == null && max == null) {
            return List.of();
        }
        int lo = min == null ? 13 : min;
        int hi = max == null ? 100 : max;
        int[][] buckets = {{13, 17}, {18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 100}};
        List<String> out = new ArrayList<>();
        for (int[] bkt : buckets) {
            if (bkt[0] <= hi && bkt[1] >= lo) {
                out.add("AGE_" + bkt[0] + "_" + bkt[1]);
            }
        }
        return out;
    }

    static BigDecimal major(long minor) {
        return BigDecimal.valueOf(minor, 2);
    }

    private String imageId(AccountCredentials account, Library.Asset asset, String url) {
        String cacheKey = account.accountId() + ":" + asset.sha256();
        String known = imageIds.get(cacheKey);
        if (known != null) {
            return known;
        }
        ObjectNode b = EventJson.mapper().createObjectNode();
        b.put("advertiser_id", account.accountId());
        b.put("upload_type", "UPLOAD_BY_URL");
        b.put("image_url", url);
        b.put("file_name", asset.sha256() + "." + (asset.contentType().endsWith("png") ? "png" : "jpg"));
        JsonNode data;
        try {
            data = call(account, "file/image/ad/upload/", b);
        } catch (Unknown u) {
            throw new Throttled("image upload: " + u.getMessage(), props.throttleWait());
        }
        String id = data.path("image_id").asString(null);
        if (id == null) {
            throw new Refused("image upload answered no image_id");
        }
        imageIds.put(cacheKey, id);
        return id;
    }

    /** A transient answer: the call may or may not have had its effect. */
    static final class Unknown extends RuntimeException {
        Unknown(String message) {
            super(message);
        }
    }

    private JsonNode call(AccountCredentials account, String path, ObjectNode body) {
        return judge(http.postJson(api(path), body.toString(), Map.of("Access-Token", account.accessToken())), path);
    }

    private JsonNode judge(MediaHttp.Answer a, String path) {
        JsonNode env = MetaCreator.parse(a.body());
        String msg = path + " answered " + a.status() + ": " + MediaHttp.shorten(a.body());
        if (a.status() >= 500 || env == null) {
            throw new Unknown(msg);
        }
        int code = env.path("code").asInt(-1);
        if (code == 0) {
            return env.path("data");
        }
        if (code == Throttling.TIKTOK_RATE_LIMITED) {
            throw new Throttled(msg, props.throttleWait());
        }
        if (code == 50000 || code >= 51000) {
            throw new Unknown(msg);
        }
        throw new Refused("(" + code + ") " + env.path("message").asString(""));
    }

    @Override
    public Map<String, String> existing(AccountCredentials account, long batchId, List<ObjectKind> kinds) {
        Map<String, String> found = new HashMap<>();
        for (ObjectKind kind : kinds) {
            String endpoint = switch (kind) {
                case CAMPAIGN -> "campaign";
                case ADSET -> "adgroup";
                default -> "ad";
            };
            int page = 1;
            int pages;
            do {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("advertiser_id", account.accountId());
                q.put("filtering", "{\"" + endpoint + "_name\":\"" + NameMarker.batchPrefix(batchId) + "\"}");
                q.put("page", Integer.toString(page));
                q.put("page_size", "1000");
                JsonNode data;
                try {
                    data = judge(http.get(api(endpoint + "/get/"), q, Map.of("Access-Token", account.accessToken())),
                            endpoint + "/get/");
                } catch (Unknown u) {
                    throw new MediaHttp.Failure(u.getMessage(), null);
                }
                for (JsonNode row : data.path("list")) {
                    String id = row.path(endpoint + "_id").asString(null);
                    // TikTok matches names loosely: the exact marker is compared here.
                    NameMarker.keyOf(row.path(endpoint + "_name").asString(null), batchId)
                            .ifPresent(k -> found.put(k, id));
                }
                pages = data.path("page_info").path("total_page").asInt(1);
                page++;
            } while (page <= pages);
        }
        return found;
    }

    @Override
    public void setStatus(AccountCredentials account, ObjectKind kind, String mediaId, boolean active) {
        String endpoint = switch (kind) {
            case CAMPAIGN -> "campaign";
            case ADSET -> "adgroup";
            default -> "ad";
        };
        ObjectNode b = EventJson.mapper().createObjectNode();
        b.put("advertiser_id", account.accountId());
        b.putArray(endpoint + "_ids").add(mediaId);
        b.put("operation_status", statusWord(active));
        try {
            call(account, endpoint + "/status/update/", b);
        } catch (Unknown u) {
            throw new MediaHttp.Failure(u.getMessage(), null);
        }
    }

    @Override
    public String statusWord(boolean active) {
        return active ? "ENABLE" : "DISABLE";
    }
}
