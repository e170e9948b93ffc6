package io.adplatform.admin.dsp;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.identity.Operator;
import io.adplatform.common.dsp.CampaignConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** DSP campaigns of a product: read with VIEW_PRODUCT, changed with MANAGE_DSP. */
@RestController
@RequestMapping("/api/v1/products/{appId}/dsp/campaigns")
@Tag(name = "dsp", description = "Campaigns of our own DSP bidder, published to config.campaigns")
class DspCampaignController {

    private final DspCampaigns campaigns;
    private final ProductAccess access;

    DspCampaignController(DspCampaigns campaigns, ProductAccess access) {
        this.campaigns = campaigns;
        this.access = access;
    }

    /**
     * @param status           ACTIVE, PAUSED or ARCHIVED (archived: removed from the bidders, kept here read-only)
     * @param publishedVersion the highest version the bidders' topic has acknowledged; equal to {@code version} once
     *                         this change is on its way to every bidder
     * @param campaign         the record the bidders get (for an archived one: its last state; they get a tombstone)
     */
    record CampaignView(String id, String appId, String status, long version, long publishedVersion, boolean published,
                        Instant createdAt, Instant updatedAt, CampaignConfig campaign) {

        static CampaignView of(DspCampaign c) {
            return new CampaignView(c.id(), c.appId(), c.status().name(), c.version(), c.publishedVersion(),
                    c.publishedVersion() >= c.version(), c.createdAt(), c.updatedAt(), c.config());
        }
    }

    @GetMapping
    @Operation(summary = "The product's DSP campaigns, archived ones included (VIEW_PRODUCT)")
    List<CampaignView> list(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return campaigns.list(appId).stream().map(CampaignView::of).toList();
    }

    @GetMapping("/{campaignId}")
    @Operation(summary = "One DSP campaign (VIEW_PRODUCT)")
    CampaignView get(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                     @PathVariable String campaignId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return CampaignView.of(campaigns.get(appId, campaignId));
    }

    @PostMapping
    @Operation(summary = "Create a DSP campaign (MANAGE_DSP): validated with the bidder's rules, stored, published; "
            + "paused unless status ACTIVE is given")
    ResponseEntity<CampaignView> create(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                        @RequestBody(required = false) CampaignDraft body) {
        access.require(op, appId, Permission.MANAGE_DSP);
        return ResponseEntity.status(HttpStatus.CREATED).body(CampaignView.of(campaigns.create(op, appId, body)));
    }

    @PutMapping("/{campaignId}")
    @Operation(summary = "Replace a DSP campaign's settings, creatives, targeting, budget and caps (MANAGE_DSP); "
            + "status left out is kept")
    CampaignView update(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                        @PathVariable String campaignId, @RequestBody(required = false) CampaignDraft body) {
        access.require(op, appId, Permission.MANAGE_DSP);
        return CampaignView.of(campaigns.update(op, appId, campaignId, body));
    }

    @PostMapping("/{campaignId}/pause")
    @Operation(summary = "Pause: the bidders stop bidding for it (MANAGE_DSP)")
    CampaignView pause(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                       @PathVariable String campaignId) {
        access.require(op, appId, Permission.MANAGE_DSP);
        return CampaignView.of(campaigns.pause(op, appId, campaignId));
    }

    @PostMapping("/{campaignId}/resume")
    @Operation(summary = "Resume (MANAGE_DSP); 409 once its flight has ended")
    CampaignView resume(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                        @PathVariable String campaignId) {
        access.require(op, appId, Permission.MANAGE_DSP);
        return CampaignView.of(campaigns.resume(op, appId, campaignId));
    }

    @DeleteMapping("/{campaignId}")
    @Operation(summary = "Archive (MANAGE_DSP): a tombstone removes it from every bidder; it stays here read-only")
    CampaignView archive(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                         @PathVariable String campaignId) {
        access.require(op, appId, Permission.MANAGE_DSP);
        return CampaignView.of(campaigns.archive(op, appId, campaignId));
    }
}
