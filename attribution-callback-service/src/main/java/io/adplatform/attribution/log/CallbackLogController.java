package io.adplatform.attribution.log;

import io.adplatform.attribution.web.ApiProblem;
import io.adplatform.attribution.web.FieldError;
import io.adplatform.common.event.Partner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The callback log: search, one entry, replay of a dead letter (internal API). */
@Tag(name = "callback log")
@RestController
@RequestMapping("/internal/v1/callbacks")
class CallbackLogController {

    static final int MAX_SIZE = 200;

    private final CallbackLog log;
    private final ReplayService replays;

    CallbackLogController(CallbackLog log, ReplayService replays) {
        this.log = log;
        this.replays = replays;
    }

    @Operation(summary = "Search the log, newest first; time range on creation time, from inclusive, to exclusive")
    @GetMapping
    CallbackPage search(@RequestParam(required = false) String productId,
                        @RequestParam(required = false) Partner partner,
                        @RequestParam(required = false) CallbackStatus status,
                        @RequestParam(required = false) String eventId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                        @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || page > 10_000) {
            throw ApiProblem.badField("page", "must be between 0 and 10000");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.badField("size", "must be between 1 and " + MAX_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.badRequest("'from' must be before 'to'", List.of(new FieldError("from", "must be before to")));
        }
        return log.search(new CallbackSearch(blankToNull(productId), partner, status, blankToNull(eventId), from, to,
                page, size));
    }

    @Operation(summary = "One entry with attempts, last error, latency, the partner's answer and the event")
    @GetMapping("/{id}")
    CallbackEntry get(@PathVariable long id) {
        return log.find(id).orElseThrow(() -> ApiProblem.notFound("no callback with id " + id));
    }

    @Operation(summary = "Replay a dead-lettered callback: back to PENDING and queued now (409 for any other status)")
    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CallbackEntry replay(@PathVariable long id) {
        return replays.replay(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
