package io.adplatform.offline.catalog;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products synced from the upstream catalog (internal, {@code X-Service-Token}). A sync on demand is the manual
 * trigger of the {@code product-catalog-sync} job: {@code POST /internal/v1/jobs/product-catalog-sync/runs}.
 */
@RestController
@RequestMapping("/internal/v1/products")
@Tag(name = "products", description = "Product metadata synced from the product catalog")
class ProductsController {

    static final int MAX_LIMIT = 1000;

    private final ProductRepository products;

    ProductsController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping
    @Operation(summary = "Products by app id, optionally only ACTIVE or ARCHIVED ones")
    List<StoredProduct> list(@RequestParam(required = false) String status,
                             @RequestParam(defaultValue = "100") int limit,
                             @RequestParam(defaultValue = "0") int offset) {
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !CatalogItems.STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be ACTIVE or ARCHIVED"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must not be negative"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return products.list(status, limit, offset);
    }

    @GetMapping("/{appId}")
    @Operation(summary = "One product")
    StoredProduct get(@PathVariable String appId) {
        return products.find(appId).orElseThrow(() -> ApiProblem.notFound("no product " + appId));
    }
}
