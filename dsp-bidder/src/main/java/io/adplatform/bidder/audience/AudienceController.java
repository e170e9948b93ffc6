package io.adplatform.bidder.audience;

import io.adplatform.bidder.api.ApiProblem;
import io.adplatform.bidder.openrtb.RequestProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Uploads of audience segments (a DMP's job in production; local runs, tests and benchmarks use this). */
@RestController
@RequestMapping("/internal/v1/bidder/audiences")
class AudienceController {

    /** @param segment the segment id campaigns target; @param users user keys (user id, buyer uid or IFA) */
    record Upload(String segment, List<String> users) {
    }

    private final SegmentStore segments;

    AudienceController(SegmentStore segments) {
        this.segments = segments;
    }

    @PostMapping
    ResponseEntity<Void> upload(@RequestBody Upload upload) throws InterruptedException {
        List<RequestProblem> problems = new ArrayList<>();
        if (upload.segment() == null || upload.segment().isBlank() || upload.segment().length() > 64) {
            problems.add(new RequestProblem("segment", "is required, at most 64 characters"));
        }
        if (upload.users() == null || upload.users().isEmpty()) {
            problems.add(new RequestProblem("users", "at least one user key is required"));
        } else {
            for (int i = 0; i < upload.users().size(); i++) {
                String u = upload.users().get(i);
                if (u == null || u.isBlank() || u.length() > 128) {
                    problems.add(new RequestProblem("users[" + i + "]", "must be a user key of 1-128 characters"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "nothing was uploaded", problems);
        }
        try {
            segments.add(upload.segment(), upload.users()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis did not take the segment", e);
        }
        return ResponseEntity.noContent().build();
    }
}
