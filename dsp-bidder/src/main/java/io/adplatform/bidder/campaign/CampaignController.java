package io.adplatform.bidder.campaign;

import io.adplatform.bidder.api.ApiProblem;
import io.adplatform.bidder.openrtb.RequestProblem;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignValidator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loading campaigns without the admin platform (local runs, tests, scripts/load-campaigns.sh): validated, then
 * published to {@code config.campaigns}; and what this bidder has loaded.
 */
@RestController
@RequestMapping("/internal/v1/bidder/campaigns")
class CampaignController {

    private final CampaignValidator validator;
    private final CampaignPublisher publisher;
    private final CampaignFeed feed;

    CampaignController(CampaignValidator validator, CampaignPublisher publisher, CampaignFeed feed) {
        this.validator = validator;
        this.publisher = publisher;
        this.feed = feed;
    }

    /** All or nothing: one bad campaign refuses the whole upload, naming every field at fault. */
    @PostMapping
    ResponseEntity<Map<String, Object>> load(@RequestBody List<CampaignConfig> campaigns) {
        List<RequestProblem> problems = validator.validate(campaigns).stream()
                .map(p -> new RequestProblem(p.field(), p.message())).toList();
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, problems.size() + " field(s) at fault; nothing was loaded",
                    problems);
        }
        publisher.publish(campaigns);
        return ResponseEntity.accepted().body(Map.of("published", campaigns.size()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        if (feed.catalog().get(id) == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "no campaign " + id, List.of());
        }
        publisher.remove(id);
        return ResponseEntity.accepted().build();
    }

    /** What this instance has loaded: id, status and version of each campaign, and the catalog's version. */
    @GetMapping
    Map<String, Object> loaded() {
        CampaignCatalog catalog = feed.catalog();
        List<Map<String, Object>> campaigns = catalog.all().stream()
                .sorted(Comparator.comparing(Campaign::id))
                .map(c -> Map.<String, Object>of("id", c.id(), "status", c.config().status(),
                        "version", c.config().version()))
                .toList();
        return Map.of("catalogVersion", catalog.version(), "ready", feed.caughtUp(), "campaigns", campaigns);
    }

    @GetMapping("/{id}")
    CampaignConfig one(@PathVariable String id) {
        Campaign c = feed.catalog().get(id);
        if (c == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "no campaign " + id, List.of());
        }
        return c.config();
    }
}
