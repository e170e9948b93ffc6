package io.adplatform.dplink.api;

import io.adplatform.web.ApiProblem;

import io.adplatform.dplink.ads.AdRepository;
import io.adplatform.dplink.ads.ParkedTask;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pool API for the admin UI (internal, {@code X-Service-Token}). */
@RestController
@RequestMapping("/internal/v1/dplink")
@Tag(name = "dplink", description = "Deep-link pools of ads on third-party DSPs")
class AdsController {

    private final AdAdministration admin;
    private final AdRepository ads;
    private final Clock clock;

    AdsController(AdAdministration admin, AdRepository ads, Clock clock) {
        this.admin = admin;
        this.ads = ads;
        this.clock = clock;
    }

    @PutMapping("/ads/{adId}")
    @Operation(summary = "Create an ad under control, or update its DSP binding, caps, round size and wait queue")
    ResponseEntity<AdViews.AdState> put(@PathVariable String adId, @RequestBody(required = false) AdRequests.Ad body) {
        boolean created = admin.put(adId, body);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(admin.state(adId));
    }

    @GetMapping("/ads")
    List<AdViews.AdSummary> list(@RequestParam(defaultValue = "100") int limit,
                                 @RequestParam(defaultValue = "0") int offset) {
        return admin.list(Math.max(1, Math.min(limit, 1000)), Math.max(0, offset));
    }

    @GetMapping("/ads/{adId}")
    @Operation(summary = "Live state: serving link and its round, every link's clicks and state, the wait queue")
    AdViews.AdState state(@PathVariable String adId) {
        return admin.state(adId);
    }

    @PostMapping("/ads/{adId}/links")
    @Operation(summary = "Add deep links, in the order they should go live; all or none")
    ResponseEntity<AdViews.Added> addLinks(@PathVariable String adId,
                                           @RequestBody(required = false) AdRequests.Links body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(admin.addLinks(adId, body));
    }

    @PutMapping("/ads/{adId}/links/{linkId}/cap")
    @Operation(summary = "Set one link's own cap (null: the ad's default)")
    ResponseEntity<Void> setCap(@PathVariable String adId, @PathVariable long linkId,
                                @RequestBody(required = false) AdRequests.Cap body) {
        admin.setCap(adId, linkId, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/ads/{adId}/links/{linkId}/retire")
    @Operation(summary = "Retire a link for good (wrong or expired): 202 when recorded now — the worker takes it out "
            + "of rotation, swapping the ad at the DSP if it is serving; 200 when it was already retired")
    ResponseEntity<AdViews.Retired> retire(@PathVariable String adId, @PathVariable long linkId) {
        AdAdministration.Retirement r = admin.retire(adId, linkId);
        return ResponseEntity.status(r.recorded() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(r.link());
    }

    @GetMapping("/ads/{adId}/swaps")
    @Operation(summary = "Swap history, newest first: who, when, counts at swap time")
    AdViews.Swaps swaps(@PathVariable String adId, @RequestParam(defaultValue = "100") int limit) {
        return admin.swaps(adId, Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/ads/{adId}/pause")
    @Operation(summary = "Pause the ad at the DSP and stop rotating (asynchronous: 202)")
    ResponseEntity<AdViews.Accepted> pause(@PathVariable String adId) {
        return ResponseEntity.accepted().body(admin.pause(adId));
    }

    @PostMapping("/ads/{adId}/resume")
    @Operation(summary = "Start or resume: a usable link goes live and the ad is enabled at the DSP (202; 409 without a usable link)")
    ResponseEntity<AdViews.Accepted> resume(@PathVariable String adId) {
        return ResponseEntity.accepted().body(admin.resume(adId));
    }

    @GetMapping("/parked")
    @Operation(summary = "Replacement tasks the DSP kept refusing")
    List<ParkedTask> parked(@RequestParam(defaultValue = "100") int limit) {
        return ads.parkedTasks(Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/parked/{adId}/{generation}/retry")
    @Operation(summary = "Try a parked task again now")
    ResponseEntity<Void> retry(@PathVariable String adId, @PathVariable long generation) {
        if (!ads.retryParkedNow(adId, generation, clock.instant())) {
            throw ApiProblem.notFound("no parked task for ad " + adId + " generation " + generation);
        }
        return ResponseEntity.accepted().build();
    }
}
