package io.adplatform.admin.dplink;

import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * DP-link pools of a product, kept by dplink-controller. This side knows which product each ad belongs to
 * ({@code dplink_pools}); every call is for an ad of the product in the path — another product's ad is "not found" —
 * and every change that dplink-controller accepted is audited. Callers have checked the operator's permission.
 */
@Service
class DplinkPools {

    /** dplink-controller's own rule for ad ids; checked here so an id never changes the path it is put in. */
    static final Pattern AD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** An ad of the product and when it was put under control from here. */
    record Pool(String adId, String appId, Instant createdAt) {
    }

    private final DplinkClient dplink;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    DplinkPools(DplinkClient dplink, JdbcClient jdbc, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.dplink = dplink;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    List<Pool> list(String appId) {
        return jdbc.sql("SELECT ad_id, app_id, created_at FROM dplink_pools WHERE app_id = ? ORDER BY ad_id")
                .params(appId).query((rs, i) -> new Pool(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant())).list();
    }

    /**
     * Creates the pool (the ad put under control) or changes its settings. A new ad id is claimed for the product
     * first, so two products cannot take the same one; the claim is dropped again when dplink-controller refused the
     * ad or was not reached, and kept when it failed or did not answer in time (the ad may exist there now: a retry
     * finds it the product's).
     */
    DplinkClient.Reply put(Operator op, String appId, String adId, JsonNode body) {
        checkAdId(adId);
        Optional<String> owner = owner(adId);
        boolean claimed = false;
        if (owner.isPresent() && !owner.get().equals(appId)) {
            throw ApiProblem.conflict("ad id " + adId + " is already taken by another product; choose another");
        }
        if (owner.isEmpty()) {
            claim(op, appId, adId);
            claimed = true;
        }
        DplinkClient.Reply reply;
        try {
            if (claimed && exists(adId)) {
                throw ApiProblem.conflict("ad " + adId + " is already under DP-link control outside the admin "
                        + "platform; choose another id");
            }
            reply = dplink.call(HttpMethod.PUT, "/ads/" + adId, body);
        } catch (ApiProblem e) {
            if (claimed && e.status() != HttpStatus.GATEWAY_TIMEOUT && e.status() != HttpStatus.BAD_GATEWAY) {
                jdbc.sql("DELETE FROM dplink_pools WHERE ad_id = ? AND app_id = ?").params(adId, appId).update();
            }
            throw e;
        }
        tx.executeWithoutResult(s -> audit.record(op, reply.status() == 201 ? "dplink-pool.created"
                : "dplink-pool.changed", "dplink-pool", adId, appId, Map.of()));
        return reply;
    }

    DplinkClient.Reply state(String appId, String adId) {
        return dplink.get("/ads/" + require(appId, adId));
    }

    DplinkClient.Reply swaps(String appId, String adId, int limit) {
        return dplink.get("/ads/" + require(appId, adId) + "/swaps?limit=" + Math.max(1, Math.min(limit, 1000)));
    }

    DplinkClient.Reply addLinks(Operator op, String appId, String adId, JsonNode body) {
        DplinkClient.Reply reply = dplink.call(HttpMethod.POST, "/ads/" + require(appId, adId) + "/links", body);
        audited(op, appId, adId, "dplink-pool.links-added", Map.of("added", reply.body().path("added").asInt()));
        return reply;
    }

    DplinkClient.Reply setCap(Operator op, String appId, String adId, long linkId, JsonNode body) {
        DplinkClient.Reply reply = dplink.call(HttpMethod.PUT, "/ads/" + require(appId, adId) + "/links/" + linkId
                + "/cap", body);
        audited(op, appId, adId, "dplink-pool.link-cap-set", Map.of("linkId", linkId,
                "cap", body == null || body.path("cap").isNull() ? "default" : body.path("cap").asString()));
        return reply;
    }

    /**
     * Retires a link for good (202 when dplink-controller recorded it now, 200 when it was already retired). Audited
     * either way: the operator asked for it, and the answer's state says what it found.
     */
    DplinkClient.Reply retireLink(Operator op, String appId, String adId, long linkId) {
        DplinkClient.Reply reply = dplink.call(HttpMethod.POST, "/ads/" + require(appId, adId) + "/links/" + linkId
                + "/retire", null);
        audited(op, appId, adId, "dplink-pool.link-retired", Map.of("linkId", linkId,
                "alreadyRetired", reply.status() == 200));
        return reply;
    }

    DplinkClient.Reply pause(Operator op, String appId, String adId) {
        DplinkClient.Reply reply = dplink.call(HttpMethod.POST, "/ads/" + require(appId, adId) + "/pause", null);
        audited(op, appId, adId, "dplink-pool.paused", Map.of());
        return reply;
    }

    DplinkClient.Reply resume(Operator op, String appId, String adId) {
        DplinkClient.Reply reply = dplink.call(HttpMethod.POST, "/ads/" + require(appId, adId) + "/resume", null);
        audited(op, appId, adId, "dplink-pool.resumed", Map.of());
        return reply;
    }

    /** The ad id when it is one of the product's; 404 otherwise (another product's ad is not told apart). */
    private String require(String appId, String adId) {
        if (adId == null || !AD_ID.matcher(adId).matches() || !owner(adId).map(appId::equals).orElse(false)) {
            throw ApiProblem.notFound("product " + appId + " has no DP-link pool " + adId);
        }
        return adId;
    }

    private Optional<String> owner(String adId) {
        return jdbc.sql("SELECT app_id FROM dplink_pools WHERE ad_id = ?").params(adId).query(String.class).optional();
    }

    private void claim(Operator op, String appId, String adId) {
        try {
            jdbc.sql("INSERT INTO dplink_pools (ad_id, app_id, created_at, created_by) VALUES (?, ?, ?, ?)")
                    .params(adId, appId, Timestamp.from(clock.instant()), op.userId()).update();
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("ad id " + adId + " was just taken; choose another or try again");
        }
    }

    private boolean exists(String adId) {
        try {
            dplink.get("/ads/" + adId);
            return true;
        } catch (ApiProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private void audited(Operator op, String appId, String adId, String action, Map<String, ?> details) {
        tx.executeWithoutResult(s -> audit.record(op, action, "dplink-pool", adId, appId, details));
    }

    private static void checkAdId(String adId) {
        if (adId == null || !AD_ID.matcher(adId).matches()) {
            throw ApiProblem.invalid(List.of(new FieldError("adId",
                    "must be 1-128 letters, digits, '.', '_', ':' or '-'")));
        }
    }
}
