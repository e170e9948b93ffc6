package io.adplatform.admin.adcreation;

import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Batch ad creation: plan, submit, follow, retry. */
@RestController
@RequestMapping("/api/v1/products/{appId}/ad-batches")
@Tag(name = "ad batches", description = "Create every combination of accounts × audiences × copies × assets as ads")
class AdBatchesController {

    private final AdBatches batches;

    AdBatchesController(AdBatches batches) {
        this.batches = batches;
    }

    @PostMapping("/plan")
    @Operation(summary = "Every campaign, ad set and ad the request would create; nothing is sent "
            + "(CREATE_ADS + USE_AD_ACCOUNTS)")
    AdBatches.PlanView plan(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                            @RequestBody(required = false) AdBatches.Request body) {
        return batches.plan(op, appId, body);
    }

    @PostMapping
    @Operation(summary = "Store the plan and create it at the media in the background (CREATE_ADS + USE_AD_ACCOUNTS)")
    ResponseEntity<AdBatches.BatchView> create(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                               @RequestBody(required = false) AdBatches.Request body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(batches.create(op, appId, body));
    }

    @GetMapping
    @Operation(summary = "The product's batches, newest first (VIEW_REPORTS)")
    List<AdBatch> list(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return batches.list(op, appId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A batch with the state of each ad and object, and why one failed (VIEW_REPORTS)")
    AdBatches.BatchView get(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return batches.get(op, appId, id);
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Try the failed objects again; nothing created is created twice (CREATE_ADS + "
            + "USE_AD_ACCOUNTS)")
    ResponseEntity<AdBatches.BatchView> retry(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                              @PathVariable long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(batches.retry(op, appId, id));
    }
}
