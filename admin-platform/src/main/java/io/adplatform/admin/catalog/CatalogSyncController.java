package io.adplatform.admin.catalog;

import io.adplatform.admin.identity.Operator;
import io.adplatform.admin.identity.TeamAdmins;
import io.adplatform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A sync of product metadata on demand. */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "products", description = "Products (apps) and the catalog")
class CatalogSyncController {

    private final CatalogSync sync;

    CatalogSyncController(CatalogSync sync) {
        this.sync = sync;
    }

    @PostMapping("/sync")
    @Operation(summary = "Sync product metadata now (team admin): offline-tasks syncs the upstream catalog, then its "
            + "products are copied here; 409 while a sync runs, 502 when offline-tasks fails")
    CatalogSync.Result sync(@AuthenticationPrincipal Operator op) {
        TeamAdmins.require(op);
        try {
            return sync.sync(true, op).orElseThrow(() -> ApiProblem.conflict("a catalog sync is already running"));
        } catch (CatalogSync.CatalogUnavailable e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, e.getMessage(), List.of());
        }
    }
}
