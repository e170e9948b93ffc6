package io.adplatform.admin.matrix;

import static io.adplatform.admin.access.Permission.CREATE_ADS;
import static io.adplatform.admin.access.Permission.MANAGE_AD_ACCOUNTS;
import static io.adplatform.admin.access.Permission.MANAGE_CAMPAIGNS;
import static io.adplatform.admin.access.Permission.MANAGE_CREATIVES;
import static io.adplatform.admin.access.Permission.USE_AD_ACCOUNTS;
import static io.adplatform.admin.access.Permission.VIEW_PRODUCT;
import static io.adplatform.admin.access.Permission.VIEW_REPORTS;

import java.util.List;

/**
 * Ad accounts, the creative library, batch ad creation and campaign management. The batch endpoints need CREATE_ADS
 * and USE_AD_ACCOUNTS both (every role holding one holds the other); CREATE_ADS is listed.
 */
public final class AdsEndpoints {

    private static final String P = "/api/v1/products/{appId}";

    public static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.post(P + "/ad-accounts", MANAGE_AD_ACCOUNTS,
                    "{\"media\":\"META\",\"accountId\":\"act_1\",\"accessToken\":\"t\"}"),
            Endpoint.get(P + "/ad-accounts", USE_AD_ACCOUNTS),
            Endpoint.get(P + "/ad-accounts/1", USE_AD_ACCOUNTS),
            Endpoint.delete(P + "/ad-accounts/1", MANAGE_AD_ACCOUNTS),

            Endpoint.post(P + "/creatives/templates", MANAGE_CREATIVES, "{}"),
            Endpoint.get(P + "/creatives/templates", VIEW_PRODUCT),
            Endpoint.get(P + "/creatives/templates/1", VIEW_PRODUCT),
            Endpoint.delete(P + "/creatives/templates/1", MANAGE_CREATIVES),
            Endpoint.post(P + "/creatives/audiences", MANAGE_CREATIVES, "{}"),
            Endpoint.get(P + "/creatives/audiences", VIEW_PRODUCT),
            Endpoint.get(P + "/creatives/audiences/1", VIEW_PRODUCT),
            Endpoint.delete(P + "/creatives/audiences/1", MANAGE_CREATIVES),
            Endpoint.post(P + "/creatives/copies", MANAGE_CREATIVES, "{}"),
            Endpoint.get(P + "/creatives/copies", VIEW_PRODUCT),
            Endpoint.get(P + "/creatives/copies/1", VIEW_PRODUCT),
            Endpoint.delete(P + "/creatives/copies/1", MANAGE_CREATIVES),
            // Multipart in use; a JSON body reaches the permission check too (then 400: no file).
            Endpoint.post(P + "/creatives/assets", MANAGE_CREATIVES, "{}"),
            Endpoint.get(P + "/creatives/assets", VIEW_PRODUCT),
            Endpoint.get(P + "/creatives/assets/1", VIEW_PRODUCT),
            Endpoint.get(P + "/creatives/assets/1/content", VIEW_PRODUCT),
            Endpoint.delete(P + "/creatives/assets/1", MANAGE_CREATIVES),

            Endpoint.post(P + "/ad-batches/plan", CREATE_ADS, "{}"),
            Endpoint.post(P + "/ad-batches", CREATE_ADS, "{}"),
            Endpoint.get(P + "/ad-batches", VIEW_REPORTS),
            Endpoint.get(P + "/ad-batches/1", VIEW_REPORTS),
            Endpoint.post(P + "/ad-batches/1/retry", CREATE_ADS, "{}"),

            Endpoint.get(P + "/campaigns", VIEW_REPORTS),
            Endpoint.get(P + "/campaigns/1", VIEW_REPORTS),
            Endpoint.get(P + "/ad-sets", VIEW_REPORTS),
            Endpoint.get(P + "/ads", VIEW_REPORTS),
            Endpoint.post(P + "/campaigns/1/pause", MANAGE_CAMPAIGNS, "{}"),
            Endpoint.post(P + "/campaigns/1/resume", MANAGE_CAMPAIGNS, "{}"),
            Endpoint.post(P + "/ad-sets/1/pause", MANAGE_CAMPAIGNS, "{}"),
            Endpoint.post(P + "/ad-sets/1/resume", MANAGE_CAMPAIGNS, "{}"),
            Endpoint.post(P + "/ads/1/pause", MANAGE_CAMPAIGNS, "{}"),
            Endpoint.post(P + "/ads/1/resume", MANAGE_CAMPAIGNS, "{}"));

    private AdsEndpoints() {
    }
}
