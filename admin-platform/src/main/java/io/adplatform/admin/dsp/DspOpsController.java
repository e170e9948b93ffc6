package io.adplatform.admin.dsp;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ops API of DSP campaign publishing (internal, {@code X-Service-Token}). */
@RestController
@RequestMapping("/internal/v1/dsp")
@Tag(name = "dsp-ops", description = "Recovery and state of DSP campaign publishing")
class DspOpsController {

    private final DspCampaigns campaigns;
    private final OutboxPublisher publisher;

    DspOpsController(DspCampaigns campaigns, OutboxPublisher publisher) {
        this.campaigns = campaigns;
        this.publisher = publisher;
    }

    @PostMapping("/campaigns/republish")
    @Operation(summary = "Publish every campaign again at its current version (archived: tombstone), through the outbox")
    ResponseEntity<Map<String, Integer>> republish() {
        return ResponseEntity.accepted().body(Map.of("queued", campaigns.republishAll()));
    }

    @GetMapping("/outbox")
    @Operation(summary = "Records not yet acknowledged by Kafka, the oldest one's age, the publisher's last error")
    OutboxPublisher.Backlog outbox() {
        return publisher.backlog();
    }
}
