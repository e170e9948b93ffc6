package io.adplatform.admin.matrix;

import io.adplatform.admin.access.Permission;
import java.util.List;

/** The product-scoped endpoints of identity, access, products and audit. */
public final class CoreEndpoints {

    public static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.get("/api/v1/products/{appId}", Permission.VIEW_PRODUCT),
            Endpoint.get("/api/v1/audit?appId={appId}", Permission.MANAGE_MEMBERS));

    private CoreEndpoints() {
    }
}
