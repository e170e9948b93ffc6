package io.adplatform.newdevice.api;

import io.adplatform.common.activation.ActivationCheckRequest;
import io.adplatform.common.activation.ActivationCheckResponse;
import io.adplatform.newdevice.pool.ActivationPool;
import io.adplatform.newdevice.pool.DeviceRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "activation-pool")
@SecurityRequirement(name = "serviceToken")
class ActivationPoolController {

    static final String LOOKUP_PATH = "/internal/v1/activation-pool/lookup";
    static final String APPS_PATH = "/internal/v1/activation-pool/apps/{appId}";

    /** An app registered with the pool, and the layout its pool keeps. */
    record RegisteredApp(String appId, int bucketBits) {
    }

    private final ActivationChecks checks;
    private final ActivationPool pool;

    ActivationPoolController(ActivationChecks checks, ActivationPool pool) {
        this.checks = checks;
        this.pool = pool;
    }

    @Operation(summary = "Is each device new for its app? Records every identifier; answers in request order.",
            description = "1 to 1000 checks. Asking again with the same eventId (a replay) answers newDevice=true again.")
    @ApiResponse(responseCode = "200", description = "One result per check, same order")
    @ApiResponse(responseCode = "400", description = "Bad batch (problem+json with errors[].field); nothing written")
    @ApiResponse(responseCode = "401", description = "Missing or wrong X-Service-Token")
    @ApiResponse(responseCode = "503", description = "Redis unavailable; retry the whole batch (safe: replays)")
    @PostMapping(path = ActivationCheckRequest.PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ActivationCheckResponse check(@RequestBody ActivationCheckRequest request) {
        return checks.answer(request);
    }

    @Operation(summary = "Register an app before its first activation (onboarding): pins its pool layout. Idempotent.")
    @ApiResponse(responseCode = "200", description = "The app and the bucket bits its pool keeps")
    @ApiResponse(responseCode = "400", description = "Bad app id (problem+json naming appId)")
    @PutMapping(path = APPS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    RegisteredApp register(@PathVariable String appId) {
        CheckRequestValidator.validateAppId(appId);
        return new RegisteredApp(appId, pool.register(appId));
    }

    @Operation(summary = "Read-only: first-seen time of one device, per identifier. Writes nothing.")
    @ApiResponse(responseCode = "200", description = "At least one identifier is in the pool")
    @ApiResponse(responseCode = "404", description = "None of the identifiers is in the pool")
    @PostMapping(path = LOOKUP_PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeviceRecord lookup(@RequestBody DeviceLookupRequest request) {
        CheckRequestValidator.validateLookup(request.appId(), request.platform(), request.device());
        return pool.lookup(request.appId(), request.platform(), request.device())
                .orElseThrow(DeviceNotFoundException::new);
    }
}
