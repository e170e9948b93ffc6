package io.adplatform.offline.dashboards;

import io.adplatform.offline.dashboards.DashboardRequests.Params;
import io.adplatform.offline.dashboards.DashboardViews.CallbacksDashboard;
import io.adplatform.offline.dashboards.DashboardViews.DspDashboard;
import io.adplatform.offline.dashboards.DashboardViews.ProductsDashboard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboards for the admin platform (internal, {@code X-Service-Token}). {@code products} is the set the caller's
 * user may see; nothing outside it is returned. Lists: repeated or comma-separated.
 */
@RestController
@RequestMapping("/internal/v1/dashboards")
@Tag(name = "dashboards", description = "Product, DSP and callback dashboards over the reporting store")
class DashboardsController {

    private final Dashboards dashboards;
    private final DashboardRequests requests;

    DashboardsController(Dashboards dashboards, DashboardRequests requests) {
        this.dashboards = dashboards;
        this.requests = requests;
    }

    @GetMapping("/products")
    @Operation(summary = "Installs, new devices, DAU, payers, revenue, spend, CPI, ROAS D0/D1/D7, retention D1/D7")
    ProductsDashboard products(@RequestParam(required = false) List<String> products,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) List<String> mediaSource,
                               @RequestParam(required = false) List<String> campaign,
                               @RequestParam(required = false) List<String> country) {
        return dashboards.products(requests.parse(new Params(products, from, to, mediaSource, campaign, country,
                null, null)));
    }

    @GetMapping("/dsp")
    @Operation(summary = "Bids, wins, win rate, impressions, clicks, CTR, spend, eCPM per day and campaign")
    DspDashboard dsp(@RequestParam(required = false) List<String> products,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) List<String> campaign,
                     @RequestParam(required = false) List<String> country,
                     @RequestParam(required = false) List<String> exchange) {
        return dashboards.dsp(requests.parse(new Params(products, from, to, null, campaign, country, exchange, null)));
    }

    @GetMapping("/callbacks")
    @Operation(summary = "Partner callback results by partner and outcome, per day, with mean latency")
    CallbacksDashboard callbacks(@RequestParam(required = false) List<String> products,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) List<String> partner) {
        return dashboards.callbacks(requests.parse(new Params(products, from, to, null, null, null, null, partner)));
    }
}
