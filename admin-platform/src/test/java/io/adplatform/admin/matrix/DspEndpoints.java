package io.adplatform.admin.matrix;

import io.adplatform.admin.access.Permission;
import java.util.List;

/** Product-scoped endpoints of DSP campaigns ({@code admin.dsp}) and DP-link pools ({@code admin.dplink}). */
public final class DspEndpoints {

    private static final String CAMPAIGN = """
            {"name":"matrix","pricing":"CPM","priceMicros":1000000,"budget":{"dailyMicros":0,"totalMicros":0,"pacing":"FAST"},
             "ctrPrior":0.01,"creatives":[{"id":"b","format":"BANNER","w":320,"h":50,"durationSec":0,
             "imageUrl":"https://cdn.example.com/b.png","landingUrl":"https://x.example.com/","adomain":["x.example.com"]}]}""";

    public static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.get("/api/v1/products/{appId}/dsp/campaigns", Permission.VIEW_PRODUCT),
            Endpoint.post("/api/v1/products/{appId}/dsp/campaigns", Permission.MANAGE_DSP, CAMPAIGN),
            Endpoint.get("/api/v1/products/{appId}/dsp/campaigns/1", Permission.VIEW_PRODUCT),
            Endpoint.put("/api/v1/products/{appId}/dsp/campaigns/1", Permission.MANAGE_DSP, CAMPAIGN),
            Endpoint.post("/api/v1/products/{appId}/dsp/campaigns/1/pause", Permission.MANAGE_DSP, null),
            Endpoint.post("/api/v1/products/{appId}/dsp/campaigns/1/resume", Permission.MANAGE_DSP, null),
            Endpoint.delete("/api/v1/products/{appId}/dsp/campaigns/1", Permission.MANAGE_DSP),
            // DP-link pools: a permitted call reaches dplink-controller (503 when it is not running: let through)
            Endpoint.get("/api/v1/products/{appId}/dplink/pools", Permission.VIEW_PRODUCT),
            Endpoint.put("/api/v1/products/{appId}/dplink/pools/1", Permission.MANAGE_DPLINK,
                    "{\"dsp\":\"TIKTOK\",\"accountId\":\"1\",\"dspAdId\":\"1\"}"),
            Endpoint.get("/api/v1/products/{appId}/dplink/pools/1", Permission.VIEW_PRODUCT),
            Endpoint.get("/api/v1/products/{appId}/dplink/pools/1/swaps", Permission.VIEW_PRODUCT),
            Endpoint.post("/api/v1/products/{appId}/dplink/pools/1/links", Permission.MANAGE_DPLINK,
                    "{\"links\":[{\"url\":\"myapp://x\"}]}"),
            Endpoint.put("/api/v1/products/{appId}/dplink/pools/1/links/1/cap", Permission.MANAGE_DPLINK,
                    "{\"cap\":5}"),
            Endpoint.post("/api/v1/products/{appId}/dplink/pools/1/links/1/retire", Permission.MANAGE_DPLINK, null),
            Endpoint.post("/api/v1/products/{appId}/dplink/pools/1/pause", Permission.MANAGE_DPLINK, null),
            Endpoint.post("/api/v1/products/{appId}/dplink/pools/1/resume", Permission.MANAGE_DPLINK, null));

    private DspEndpoints() {
    }
}
