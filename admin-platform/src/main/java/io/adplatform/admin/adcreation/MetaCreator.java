package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.AccountCredentials;
import io.adplatform.admin.adaccounts.AdsProperties;
import io.adplatform.admin.adaccounts.Media;
import io.adplatform.common.kafka.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta: objects go out as Graph batch requests ({@code POST /{v}/} with {@code batch=[…]}, ≤ 50 operations), each
 * operation named by its item key so children reference parents created in the same request with
 * {@code {result=<key>:$.id}}. Each operation's answer is judged alone: created, throttled (codes 4, 17, 32, 613,
 * 80000–80014), not run (its dependency failed), unknown (transient, {@code is_transient}, 5xx, no answer) or refused.
 * The usage header decides whether the account rests before the next call.
 */
final class MetaCreator implements MediaCreator {

    private static final String USAGE = "X-Business-Use-Case-Usage";

    private final MediaHttp http;
    private final AdsProperties.Meta props;
    private final Throttling throttling;

    MetaCreator(MediaHttp http, AdsProperties.Meta props) {
        this.http = http;
        this.props = props;
        this.throttling = new Throttling(props.regainAccessUnit(), props.throttleMinWait(), props.usageThreshold());
    }

    @Override
    public Media media() {
        return Media.META;
    }

    @Override
    public List<AdObject> nextChunk(List<AdObject> accountObjects, int maxOps, Instant now) {
        return MetaChunker.next(accountObjects, Math.min(maxOps, props.maxOpsPerBatch()), now);
    }

    private String root() {
        return props.baseUrl() + "/" + props.apiVersion() + "/";
    }

    @Override
    public Sent send(AccountCredentials account, BatchSpec spec, List<AdObject> chunk, Map<String, AdObject> byKey,
                     Map<String, String> ids) {
        ArrayNode batch = EventJson.mapper().createArrayNode();
        java.util.Set<String> inChunk = new java.util.HashSet<>();
        for (AdObject o : chunk) {
            ObjectNode op = batch.addObject();
            op.put("method", "POST");
            op.put("relative_url", account.accountId() + "/" + MetaRequests.edge(o.kind()));
            op.put("body", MetaRequests.encode(fields(spec, o, byKey, ids, inChunk)));
            op.put("name", o.key());
            op.put("omit_response_on_success", false);
            inChunk.add(o.key());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("access_token", account.accessToken());
        form.put("batch", batch.toString());
        form.put("include_headers", "true");
        MediaHttp.Answer a = http.postForm(root(), MediaHttp.form(form));
        MetaUsage usage = MetaUsage.of(a.header(USAGE));
        JsonNode body = parse(a.body());
        List<Outcome> outcomes = new ArrayList<>();
        if (a.status() != 200 || body == null || !body.isArray()) {
            // The whole request was refused, or its answer is unreadable.
            JsonNode err = body == null ? null : body.path("error");
            int code = err == null ? 0 : err.path("code").asInt(0);
            String msg = "Graph batch answered " + a.status() + ": " + MediaHttp.shorten(a.body());
            boolean throttled = Throttling.metaThrottled(code);
            Result r = throttled ? Result.THROTTLED : a.status() >= 500 || err == null || err.isMissingNode()
                    || err.path("is_transient").asBoolean(false) || code == 1 || code == 2 ? Result.UNKNOWN
                    : Result.FAILED;
            chunk.forEach(o -> outcomes.add(new Outcome(o.id(), r, null, msg)));
            return new Sent(outcomes, throttling.metaRest(usage, throttled));
        }
        boolean anyThrottled = false;
        Map<String, Result> byOp = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            AdObject o = chunk.get(i);
            JsonNode op = i < body.size() ? body.get(i) : null;
            Outcome out;
            Result parent = o.parentKey() == null ? null : byOp.get(o.parentKey());
            if (op == null || op.isNull()) {
                out = new Outcome(o.id(), parent != null && parent != Result.CREATED ? Result.NOT_RUN : Result.UNKNOWN,
                        null, "no answer for this operation");
            } else {
                usage = usage.max(MetaUsage.of(opHeader(op, USAGE)));
                int code = op.path("code").asInt(0);
                JsonNode opBody = parse(op.path("body").asString(""));
                if (code == 200 && opBody != null && opBody.hasNonNull("id")) {
                    out = new Outcome(o.id(), Result.CREATED, opBody.get("id").asString(), null);
                } else if (parent != null && parent != Result.CREATED) {
                    out = new Outcome(o.id(), Result.NOT_RUN, null, "not run: " + o.parentKey() + " was not created");
                } else {
                    JsonNode err = opBody == null ? null : opBody.path("error");
                    int errCode = err == null ? 0 : err.path("code").asInt(0);
                    String msg = err == null || err.isMissingNode() ? "answered " + code + ": "
                            + MediaHttp.shorten(op.path("body").asString(""))
                            : "(" + errCode + (err.hasNonNull("error_subcode") ? "/" + err.get("error_subcode").asInt() : "")
                            + ") " + err.path("message").asString("");
                    Result r;
                    if (Throttling.metaThrottled(errCode)) {
                        r = Result.THROTTLED;
                        anyThrottled = true;
                    } else if (code >= 500 || err == null || err.isMissingNode()
                            || err.path("is_transient").asBoolean(false) || errCode == 1 || errCode == 2) {
                        r = Result.UNKNOWN;
                    } else {
                        r = Result.FAILED;
                    }
                    out = new Outcome(o.id(), r, null, msg);
                }
            }
            byOp.put(o.key(), out.result());
            outcomes.add(out);
        }
        return new Sent(outcomes, throttling.metaRest(usage, anyThrottled));
    }

    private Map<String, String> fields(BatchSpec spec, AdObject o, Map<String, AdObject> byKey, Map<String, String> ids,
                                       java.util.Set<String> inChunk) {
        return switch (o.kind()) {
            case CAMPAIGN -> MetaRequests.campaign(spec, o.name());
            case ADSET -> MetaRequests.adSet(spec, o.name(), idOrRef(o.parentKey(), ids, inChunk),
                    spec.audience(o.audienceId()).spec());
            case CREATIVE -> MetaRequests.creative(spec, o.name(), spec.copy(o.copyId()), spec.assetUrl(o.assetId()));
            case AD -> {
                String adSetKey = byKey.get(o.parentKey()).parentKey();
                yield MetaRequests.ad(spec, o.name(), idOrRef(adSetKey, ids, inChunk),
                        idOrRef(o.parentKey(), ids, inChunk));
            }
        };
    }

    private static String idOrRef(String key, Map<String, String> ids, java.util.Set<String> inChunk) {
        if (inChunk.contains(key)) {
            return MetaRequests.reference(key);
        }
        String id = ids.get(key);
        if (id == null) {
            throw new IllegalStateException("parent " + key + " neither created nor in the request");
        }
        return id;
    }

    @Override
    public Map<String, String> existing(AccountCredentials account, long batchId, List<ObjectKind> kinds) {
        Map<String, String> found = new HashMap<>();
        String filter = "[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\""
                + NameMarker.batchPrefix(batchId) + "\"}]";
        for (ObjectKind kind : kinds) {
            String after = null;
            do {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("fields", "id,name");
                q.put("filtering", filter);
                q.put("limit", "500");
                q.put("access_token", account.accessToken());
                if (after != null) {
                    q.put("after", after);
                }
                MediaHttp.Answer a = http.get(root() + account.accountId() + "/" + MetaRequests.edge(kind), q, Map.of());
                JsonNode body = judged(a);
                for (JsonNode row : body.path("data")) {
                    String id = row.path("id").asString(null);
                    NameMarker.keyOf(row.path("name").asString(null), batchId).ifPresent(k -> found.put(k, id));
                }
                JsonNode paging = body.path("paging");
                after = paging.hasNonNull("next") ? paging.path("cursors").path("after").asString(null) : null;
            } while (after != null);
        }
        return found;
    }

    @Override
    public void setStatus(AccountCredentials account, ObjectKind kind, String mediaId, boolean active) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("status", statusWord(active));
        form.put("access_token", account.accessToken());
        judged(http.postForm(root() + mediaId, MediaHttp.form(form)));
    }

    @Override
    public String statusWord(boolean active) {
        return active ? "ACTIVE" : "PAUSED";
    }

    /** The body of a successful single call; throttling and refusals as exceptions. */
    private JsonNode judged(MediaHttp.Answer a) {
        JsonNode body = parse(a.body());
        if (a.status() == 200 && body != null) {
            return body;
        }
        int code = body == null ? 0 : body.path("error").path("code").asInt(0);
        String msg = "Graph answered " + a.status() + ": " + MediaHttp.shorten(a.body());
        if (Throttling.metaThrottled(code)) {
            throw new Throttled(msg, throttling.metaRest(MetaUsage.of(a.header(USAGE)), true));
        }
        if (a.status() >= 500) {
            throw new MediaHttp.Failure(msg, null);
        }
        throw new Refused(msg);
    }

    private static String opHeader(JsonNode op, String name) {
        for (JsonNode h : op.path("headers")) {
            if (name.equalsIgnoreCase(h.path("name").asString(""))) {
                return h.path("value").asString(null);
            }
        }
        return null;
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
