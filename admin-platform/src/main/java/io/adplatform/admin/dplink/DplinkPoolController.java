package io.adplatform.admin.dplink;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * DP-link pools of a product's ads, through dplink-controller (bodies and answers are its own, see
 * docs/services/dplink-controller.md): read with VIEW_PRODUCT, changed with MANAGE_DPLINK.
 */
@RestController
@RequestMapping("/api/v1/products/{appId}/dplink/pools")
@Tag(name = "dplink", description = "Deep-link pools of the product's ads on third-party DSPs (dplink-controller)")
class DplinkPoolController {

    private final DplinkPools pools;
    private final ProductAccess access;

    DplinkPoolController(DplinkPools pools, ProductAccess access) {
        this.pools = pools;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "The product's ads under DP-link control (VIEW_PRODUCT)")
    List<DplinkPools.Pool> list(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return pools.list(appId);
    }

    @PutMapping("/{adId}")
    @Operation(summary = "Put an ad under DP-link control (201) or change its DSP binding, caps, round size, wait "
            + "queue (200) (MANAGE_DPLINK)")
    ResponseEntity<JsonNode> put(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                 @PathVariable String adId, @RequestBody(required = false) JsonNode body) {
        access.require(op, appId, Permission.MANAGE_DPLINK);
        return relay(pools.put(op, appId, adId, body));
    }

    @GetMapping("/{adId}")
    @Operation(summary = "Live state: serving link, every link's clicks and state, wait queue, alert (VIEW_PRODUCT)")
    ResponseEntity<JsonNode> state(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                   @PathVariable String adId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return relay(pools.state(appId, adId));
    }

    @GetMapping("/{adId}/swaps")
    @Operation(summary = "Swap history, newest first (VIEW_PRODUCT)")
    ResponseEntity<JsonNode> swaps(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                   @PathVariable String adId, @RequestParam(defaultValue = "100") int limit) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return relay(pools.swaps(appId, adId, limit));
    }

    @PostMapping("/{adId}/links")
    @Operation(summary = "Add deep links in go-live order, all or none (MANAGE_DPLINK)")
    ResponseEntity<JsonNode> addLinks(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                      @PathVariable String adId, @RequestBody(required = false) JsonNode body) {
        access.require(op, appId, Permission.MANAGE_DPLINK);
        return relay(pools.addLinks(op, appId, adId, body));
    }

    @PutMapping("/{adId}/links/{linkId}/cap")
    @Operation(summary = "Set one link's own cap; null goes back to the ad's default (MANAGE_DPLINK)")
    ResponseEntity<JsonNode> setCap(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                    @PathVariable String adId, @PathVariable long linkId,
                                    @RequestBody(required = false) JsonNode body) {
        access.require(op, appId, Permission.MANAGE_DPLINK);
        return relay(pools.setCap(op, appId, adId, linkId, body));
    }

    @PostMapping("/{adId}/links/{linkId}/retire")
    @Operation(summary = "Retire a link for good (wrong or expired): 202 recorded — it is never served again, and if it "
            + "is serving the ad is swapped at its DSP to the next usable link (paused when none is left); 200 when "
            + "already retired (MANAGE_DPLINK)")
    ResponseEntity<JsonNode> retireLink(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                        @PathVariable String adId, @PathVariable long linkId) {
        access.require(op, appId, Permission.MANAGE_DPLINK);
        return relay(pools.retireLink(op, appId, adId, linkId));
    }

    @PostMapping("/{adId}/pause")
    @Operation(summary = "Pause the ad at its DSP and stop rotating (202) (MANAGE_DPLINK)")
    ResponseEntity<JsonNode> pause(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                   @PathVariable String adId) {
        access.require(op, appId, Permission.MANAGE_DPLINK);
        return relay(pools.pause(op, appId, adId));
    }

    @PostMapping("/{adId}/resume")
    @Operation(summary = "Start or resume rotation (202; 409 without a usable link) (MANAGE_DPLINK)")
    ResponseEntity<JsonNode> resume(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                    @PathVariable String adId) {
        access.require(op, appId, Permission.MANAGE_DPLINK);
        return relay(pools.resume(op, appId, adId));
    }

    private static ResponseEntity<JsonNode> relay(DplinkClient.Reply reply) {
        return ResponseEntity.status(reply.status()).body(reply.body());
    }
}
