package io.adplatform.admin.matrix;

import io.adplatform.admin.access.Permission;

/**
 * One product-scoped endpoint of the permission matrix.
 *
 * @param path   with {@code {appId}} where the product goes; other ids may be any number (a missing one answers 404
 *               after the permission check, which the matrix counts as "let through")
 * @param needed the permission the endpoint requires on the product
 * @param body   a JSON body for POST/PUT/PATCH (need not be valid for the endpoint: the permission is checked first)
 */
public record Endpoint(String method, String path, Permission needed, String body) {

    public static Endpoint get(String path, Permission needed) {
        return new Endpoint("GET", path, needed, null);
    }

    public static Endpoint post(String path, Permission needed, String body) {
        return new Endpoint("POST", path, needed, body);
    }

    public static Endpoint put(String path, Permission needed, String body) {
        return new Endpoint("PUT", path, needed, body);
    }

    public static Endpoint patch(String path, Permission needed, String body) {
        return new Endpoint("PATCH", path, needed, body);
    }

    public static Endpoint delete(String path, Permission needed) {
        return new Endpoint("DELETE", path, needed, null);
    }
}
