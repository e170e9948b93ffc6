package io.adplatform.ingestion.events;

import io.adplatform.common.kafka.EventJson;
import io.adplatform.ingestion.apps.AppCredential;
import io.adplatform.ingestion.apps.RequestSigner;
import io.adplatform.ingestion.apps.SignatureVerifier;
import io.adplatform.ingestion.geo.CountryLookup;
import io.adplatform.ingestion.web.FieldProblem;
import io.adplatform.ingestion.web.RequestBodies;
import io.adplatform.ingestion.web.RequestRejected;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/events}: the SDKs' way in. The body is read as bytes, because the signature covers the bytes. */
@RestController
@Tag(name = "events", description = "SDK events, HMAC-signed per app (see docs/sdk-integration.md)")
class EventsController {

    private final EventsProperties properties;
    private final SignatureVerifier verifier;
    private final EventValidator validator;
    private final EventIntake intake;
    private final ClientIpResolver clientIp;
    private final CountryLookup countries;
    private final IngestionMetrics metrics;
    private final Clock clock;

    EventsController(EventsProperties properties, SignatureVerifier verifier, EventValidator validator,
                     EventIntake intake, ClientIpResolver clientIp, CountryLookup countries, IngestionMetrics metrics,
                     Clock clock) {
        this.properties = properties;
        this.verifier = verifier;
        this.validator = validator;
        this.intake = intake;
        this.clientIp = clientIp;
        this.countries = countries;
        this.metrics = metrics;
        this.clock = clock;
    }

    record Answer(List<EventResult> results) {
    }

    @PostMapping(path = "/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Send one event or a batch {\"events\":[...]}",
            parameters = {
                    @Parameter(in = ParameterIn.HEADER, name = RequestSigner.APP_ID_HEADER, required = true),
                    @Parameter(in = ParameterIn.HEADER, name = RequestSigner.TIMESTAMP_HEADER, required = true,
                            description = "unix seconds; at most 5 minutes off"),
                    @Parameter(in = ParameterIn.HEADER, name = RequestSigner.SIGNATURE_HEADER, required = true,
                            description = "v1=hex(HMAC-SHA256(secret, timestamp + \".\" + body))")},
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(oneOf = {EventPayload.class, EventPayload.Batch.class}))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "at least one event accepted or already known; per-event results",
                            content = @Content(schema = @Schema(implementation = Answer.class))),
                    @ApiResponse(responseCode = "400", description = "malformed JSON or body shape", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "401", description = "unknown app, stale timestamp or bad signature", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "app disabled", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "413", description = "body or batch too large", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "no event acceptable; errors per event", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "503", description = "nothing written; retry later with the same ids", content = @Content(mediaType = "application/problem+json"))})
    ResponseEntity<Answer> ingest(HttpServletRequest request) throws IOException {
        long start = System.nanoTime();
        int status = 500;
        try {
            ResponseEntity<Answer> answer = handle(request);
            status = answer.getStatusCode().value();
            return answer;
        } catch (RequestRejected e) {
            status = e.status();
            throw e;
        } finally {
            metrics.requestDone(status, System.nanoTime() - start);
        }
    }

    private ResponseEntity<Answer> handle(HttpServletRequest request) throws IOException {
        byte[] body = RequestBodies.read(request, properties.maxBodySize().toBytes());
        AppCredential app = verifier.verify(request.getHeader(RequestSigner.APP_ID_HEADER),
                request.getHeader(RequestSigner.TIMESTAMP_HEADER), request.getHeader(RequestSigner.SIGNATURE_HEADER), body);
        List<JsonNode> events = events(body);

        String ip = clientIp.resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
        RequestContext ctx = new RequestContext(app.appId(), app.platform(), ip, countries.country(ip),
                request.getHeader(HttpHeaders.USER_AGENT), clock.instant());
        List<EventValidator.Result> validated = new ArrayList<>(events.size());
        for (JsonNode node : events) {
            validated.add(validator.validate(node, ctx));
        }
        List<EventResult> results = intake.ingest(app.appId(), validated);
        metrics.record(results);

        boolean written = results.stream().anyMatch(r -> r.status() == EventResult.Status.ACCEPTED
                || r.status() == EventResult.Status.DUPLICATE);
        if (written) {
            return ResponseEntity.accepted().body(new Answer(results));
        }
        boolean retry = results.stream().anyMatch(r -> r.status() == EventResult.Status.RETRY);
        if (retry) {
            throw new RequestRejected(503, "not_written", "Service Unavailable",
                    "no event was written; retry later with the same event ids", problems(results), 1,
                    Map.of("results", results));
        }
        throw new RequestRejected(422, "no_acceptable_event", "Unprocessable Content",
                "no event in the request is acceptable; see errors", problems(results), null);
    }

    /** The body's events: a batch object's {@code events} array, or the body itself as one event. */
    private List<JsonNode> events(byte[] body) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw RequestRejected.badRequest("malformed_json", "the body is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw RequestRejected.badRequest("not_an_object",
                    "the body must be a JSON object: one event, or {\"events\":[...]}");
        }
        JsonNode batch = root.get("events");
        if (batch == null) {
            return List.of(root);
        }
        if (!batch.isArray()) {
            throw RequestRejected.badRequest("invalid_batch", "'events' must be an array",
                    FieldProblem.of("events", "must be an array of event objects"));
        }
        if (batch.isEmpty()) {
            throw RequestRejected.badRequest("empty_batch", "'events' is empty",
                    FieldProblem.of("events", "must hold at least one event"));
        }
        if (batch.size() > properties.maxEvents()) {
            throw new RequestRejected(413, "too_many_events", "Content Too Large",
                    "at most " + properties.maxEvents() + " events per request; split the batch",
                    List.of(FieldProblem.of("events", "at most " + properties.maxEvents() + " events")), null);
        }
        List<JsonNode> out = new ArrayList<>(batch.size());
        batch.forEach(out::add);
        return out;
    }

    private static List<FieldProblem> problems(List<EventResult> results) {
        List<FieldProblem> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            EventResult r = results.get(i);
            for (FieldProblem p : r.errors()) {
                out.add(p.at(i, r.eventId()));
            }
        }
        return out;
    }
}
