package io.adplatform.admin.campaigns;

import io.adplatform.admin.adcreation.ObjectKind;
import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Created campaigns, ad sets and ads of a product; pause and resume them at the media. */
@RestController
@RequestMapping("/api/v1/products/{appId}")
@Tag(name = "campaigns", description = "Campaigns, ad sets and ads created by batches; pause/resume")
class CampaignsController {

    private final Campaigns campaigns;

    CampaignsController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping("/campaigns")
    @Operation(summary = "Created campaigns, newest first (VIEW_REPORTS)")
    List<Campaigns.Item> list(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                              @RequestParam(required = false) Long batchId) {
        return campaigns.list(op, appId, ObjectKind.CAMPAIGN, batchId);
    }

    @GetMapping("/campaigns/{id}")
    @Operation(summary = "A campaign with its ad sets and ads (VIEW_REPORTS)")
    Campaigns.CampaignTree get(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                               @PathVariable long id) {
        return campaigns.campaign(op, appId, id);
    }

    @GetMapping("/ad-sets")
    @Operation(summary = "Created ad sets, newest first (VIEW_REPORTS)")
    List<Campaigns.Item> adSets(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                @RequestParam(required = false) Long batchId) {
        return campaigns.list(op, appId, ObjectKind.ADSET, batchId);
    }

    @GetMapping("/ads")
    @Operation(summary = "Created ads, newest first (VIEW_REPORTS)")
    List<Campaigns.Item> ads(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                             @RequestParam(required = false) Long batchId) {
        return campaigns.list(op, appId, ObjectKind.AD, batchId);
    }

    @PostMapping("/campaigns/{id}/pause")
    @Operation(summary = "Pause a campaign at its media (MANAGE_CAMPAIGNS)")
    Campaigns.Item pauseCampaign(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                 @PathVariable long id) {
        return campaigns.setStatus(op, appId, ObjectKind.CAMPAIGN, id, false);
    }

    @PostMapping("/campaigns/{id}/resume")
    @Operation(summary = "Resume a campaign at its media (MANAGE_CAMPAIGNS)")
    Campaigns.Item resumeCampaign(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                  @PathVariable long id) {
        return campaigns.setStatus(op, appId, ObjectKind.CAMPAIGN, id, true);
    }

    @PostMapping("/ad-sets/{id}/pause")
    Campaigns.Item pauseAdSet(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return campaigns.setStatus(op, appId, ObjectKind.ADSET, id, false);
    }

    @PostMapping("/ad-sets/{id}/resume")
    Campaigns.Item resumeAdSet(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                               @PathVariable long id) {
        return campaigns.setStatus(op, appId, ObjectKind.ADSET, id, true);
    }

    @PostMapping("/ads/{id}/pause")
    Campaigns.Item pauseAd(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return campaigns.setStatus(op, appId, ObjectKind.AD, id, false);
    }

    @PostMapping("/ads/{id}/resume")
    Campaigns.Item resumeAd(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return campaigns.setStatus(op, appId, ObjectKind.AD, id, true);
    }
}
