package io.adplatform.admin.products;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.identity.Operator;
import io.adplatform.admin.identity.TeamAdmins;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Products one may see, and the catalog team admins take products from. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "products", description = "Products (apps) and the catalog")
class ProductsController {

    private final Products products;
    private final ProductAccess access;

    ProductsController(Products products, ProductAccess access) {
        this.products = products;
        this.access = access;
    }

    @GetMapping("/products")
    @Operation(summary = "The products one holds VIEW_PRODUCT on")
    List<Product> list(@AuthenticationPrincipal Operator op) {
        return products.visibleTo(op.userId(), Permission.VIEW_PRODUCT.bit());
    }

    @GetMapping("/products/{appId}")
    @Operation(summary = "One product (404 when one may not see it)")
    Product get(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        access.require(op, appId, Permission.VIEW_PRODUCT);
        return products.find(appId).orElseThrow(() -> ProductAccess.notFound(appId));
    }

    @GetMapping("/catalog")
    @Operation(summary = "Catalog products not yet taken by a team, and the team's own (team admin)")
    List<Product> catalog(@AuthenticationPrincipal Operator op, @RequestParam(defaultValue = "100") int limit,
                          @RequestParam(defaultValue = "0") int offset) {
        TeamAdmins.require(op);
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid(List.of(new FieldError("limit", "must be between 1 and 1000")));
        }
        if (offset < 0) {
            throw ApiProblem.invalid(List.of(new FieldError("offset", "must not be negative")));
        }
        return products.catalogFor(op.teamId(), limit, offset);
    }
}
