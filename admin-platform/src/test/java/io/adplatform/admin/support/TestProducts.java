package io.adplatform.admin.support;

import io.adplatform.admin.products.Products;
import java.time.Instant;
import java.util.UUID;

/** Catalog products with ids unique to the test, as a catalog sync would write them. */
public final class TestProducts {

    private TestProducts() {
    }

    /** A new catalog product (in no group yet); its app id. */
    public static String create(Products products, String label) {
        String appId = "com.test." + label + "." + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        products.upsertFromCatalog(appId, "App " + label, "ANDROID", appId, "https://play.google.com/store/apps/details?id="
                + appId, null, "GAME", "ACTIVE", Instant.now());
        return appId;
    }

    /** A new product taken into the group by the team admin. */
    public static String inGroup(Products products, Operators.Client teamAdmin, long groupId, String label) {
        String appId = create(products, label);
        Operators.Answer a = teamAdmin.post("/api/v1/groups/" + groupId + "/products", "{\"appId\":\"" + appId + "\"}");
        if (a.status() != 200) {
            throw new IllegalStateException("cannot add " + appId + " to group " + groupId + ": " + a);
        }
        return appId;
    }
}
