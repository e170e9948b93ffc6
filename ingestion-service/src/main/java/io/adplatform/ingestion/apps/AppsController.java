package io.adplatform.ingestion.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.adplatform.common.event.Platform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Internal API (service token required) to manage the apps allowed to send events. */
@RestController
@RequestMapping("/internal/v1/apps")
@Tag(name = "apps (internal)", description = "App credentials; requires the X-Service-Token header")
class AppsController {

    private final AppAdministration administration;

    AppsController(AppAdministration administration) {
        this.administration = administration;
    }

    @PostMapping
    @Operation(summary = "Register an app; the answer is the only time its secret is shown")
    ResponseEntity<AppView> register(@RequestBody RegisterApp request) {
        AppCredential app = administration.register(request.appId(), request.platform());
        return ResponseEntity.created(URI.create("/internal/v1/apps/" + app.appId())).body(AppView.revealing(app));
    }

    @GetMapping
    @Operation(summary = "All apps, secrets masked")
    List<AppView> list() {
        return administration.list().stream().map(AppView::masked).toList();
    }

    @GetMapping("/{appId}")
    @Operation(summary = "One app, secret masked")
    AppView get(@PathVariable String appId) {
        return AppView.masked(administration.get(appId));
    }

    @PostMapping("/{appId}/rotate-secret")
    @Operation(summary = "New secret (shown once); the previous one stays valid for the rotation grace period")
    AppView rotate(@PathVariable String appId) {
        return AppView.revealing(administration.rotateSecret(appId));
    }

    @PostMapping("/{appId}/disable")
    @Operation(summary = "Refuse the app's requests (403) from now on")
    AppView disable(@PathVariable String appId) {
        return AppView.masked(administration.setEnabled(appId, false));
    }

    @PostMapping("/{appId}/enable")
    @Operation(summary = "Accept the app's requests again")
    AppView enable(@PathVariable String appId) {
        return AppView.masked(administration.setEnabled(appId, true));
    }

    record RegisterApp(String appId, String platform) {
    }

    /** {@code secret} is present only in the answer that created it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AppView(String appId, Platform platform, boolean enabled, String secret, String secretHint,
                   Instant previousSecretValidUntil, Instant createdAt, Instant updatedAt) {

        static AppView revealing(AppCredential app) {
            return new AppView(app.appId(), app.platform(), app.enabled(), app.secret(), app.secretHint(),
                    app.previousSecretExpiresAt(), app.createdAt(), app.updatedAt());
        }

        static AppView masked(AppCredential app) {
            return new AppView(app.appId(), app.platform(), app.enabled(), null, app.secretHint(),
                    app.previousSecretExpiresAt(), app.createdAt(), app.updatedAt());
        }
    }
}
