package io.adplatform.ingestion.clicks;

import io.adplatform.ingestion.events.ClientIpResolver;
import io.adplatform.ingestion.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Click reports from DSPs: the click-monitor URL ({@code GET}, one click, no authentication — DSPs call it as they
 * would a tracking pixel) and a JSON batch for relays. The query string is read raw, so its length is bounded before
 * anything is parsed.
 */
@RestController
@Tag(name = "clicks", description = "DSP click reports → tracking-clicks (no authentication; see docs/services/ingestion-service.md)")
class ClicksController {

    private final ClickIntake intake;
    private final ClientIpResolver clientIp;
    private final ClicksProperties properties;

    ClicksController(ClickIntake intake, ClientIpResolver clientIp, ClicksProperties properties) {
        this.intake = intake;
        this.clientIp = clientIp;
        this.properties = properties;
    }

    record Accepted(int accepted) {
    }

    @GetMapping("/v1/track/click")
    @Operation(summary = "Report one click (a DSP's click-monitor URL); 204 once it is durably in Kafka",
            parameters = {
                    @Parameter(in = ParameterIn.QUERY, name = "src", required = true,
                            description = "who reports: 1-32 of a-z 0-9 _ - (lower-cased)"),
                    @Parameter(in = ParameterIn.QUERY, name = "ad", required = true,
                            description = "our ad id: 1-128 of letters, digits . _ : -"),
                    @Parameter(in = ParameterIn.QUERY, name = "link", required = true,
                            description = "our deep link id: 1-64 of letters, digits . _ : -"),
                    @Parameter(in = ParameterIn.QUERY, name = "cid", required = true,
                            description = "the DSP's click id: 1-128 printable ASCII, no spaces"),
                    @Parameter(in = ParameterIn.QUERY, name = "ts",
                            description = "click time, unix seconds or milliseconds; default: received time"),
                    @Parameter(in = ParameterIn.QUERY, name = "ip", description = "device IP; default: the caller's"),
                    @Parameter(in = ParameterIn.QUERY, name = "ua", description = "device user agent; default: the caller's")},
            responses = {
                    @ApiResponse(responseCode = "204", description = "written to tracking-clicks and acknowledged"),
                    @ApiResponse(responseCode = "400", description = "a field is missing or invalid; errors name it; nothing written",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "414", description = "query string too long", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "503", description = "not written; call again later", content = @Content(mediaType = "application/problem+json"))})
    ResponseEntity<Void> click(HttpServletRequest request) {
        String ip = clientIp.resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
        intake.acceptQuery(request.getQueryString(), ip, request.getHeader(HttpHeaders.USER_AGENT));
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    @PostMapping(path = "/v1/track/clicks", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Report a batch {\"clicks\":[{source, adId, linkId, clickId, clickedAt, ip?, userAgent?}]}; all or nothing",
            responses = {
                    @ApiResponse(responseCode = "202", description = "every click written to tracking-clicks and acknowledged",
                            content = @Content(schema = @Schema(implementation = Accepted.class))),
                    @ApiResponse(responseCode = "400", description = "malformed body or invalid clicks (errors name clicks[i].field); nothing written",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "413", description = "body or batch too large", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "503", description = "not (all) written; send the same batch again later",
                            content = @Content(mediaType = "application/problem+json"))})
    ResponseEntity<Accepted> clicks(HttpServletRequest request) throws IOException {
        byte[] body = RequestBodies.read(request, properties.maxBodySize().toBytes());
        return ResponseEntity.accepted().body(new Accepted(intake.acceptBatch(body)));
    }
}
