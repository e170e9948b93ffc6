package io.adplatform.ingestion.apps;

import io.adplatform.common.event.Platform;
import io.adplatform.ingestion.web.FieldProblem;
import io.adplatform.ingestion.web.RequestRejected;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Registers apps, rotates their secrets, enables and disables them. Secrets are never logged. */
@Service
class AppAdministration {

    private static final Logger log = LoggerFactory.getLogger(AppAdministration.class);
    /** AppsFlyer's convention (partner-apis.md §1): iOS ids are "id" + the App Store number, Android ids the package. */
    static final Pattern IOS_APP_ID = Pattern.compile("^id[0-9]{1,20}$");
    static final Pattern ANDROID_APP_ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppRepository repository;
    private final AppRegistry registry;
    private final AppsProperties properties;
    private final Clock clock;

    AppAdministration(AppRepository repository, AppRegistry registry, AppsProperties properties, Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    AppCredential register(String appId, String platformText) {
        List<FieldProblem> errors = new ArrayList<>();
        Platform platform = null;
        if (platformText == null || platformText.isBlank()) {
            errors.add(FieldProblem.of("platform", "required: IOS or ANDROID"));
        } else {
            try {
                platform = Platform.valueOf(platformText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldProblem.of("platform", "must be IOS or ANDROID"));
            }
        }
        if (appId == null || appId.isBlank()) {
            errors.add(FieldProblem.of("appId", "required"));
        } else if (appId.length() > 255) {
            errors.add(FieldProblem.of("appId", "at most 255 characters"));
        } else if (platform == Platform.IOS && !IOS_APP_ID.matcher(appId).matches()) {
            errors.add(FieldProblem.of("appId", "an iOS app id is \"id\" followed by the App Store number, e.g. id1234567890"));
        } else if (platform == Platform.ANDROID && !ANDROID_APP_ID.matcher(appId).matches()) {
            errors.add(FieldProblem.of("appId", "an Android app id is the package name, e.g. com.example.game"));
        }
        if (!errors.isEmpty()) {
            throw new RequestRejected(400, "invalid_field", "Bad Request", "the app registration has invalid fields",
                    errors, null);
        }
        Instant now = now();
        AppCredential app = new AppCredential(appId, platform, newSecret(), null, null, true, now, now);
        if (!repository.insert(app)) {
            throw new RequestRejected(409, "app_exists", "Conflict", "an app with this id is already registered");
        }
        registry.put(app);
        log.info("registered app {} ({})", appId, platform);
        return app;
    }

    AppCredential get(String appId) {
        return repository.find(appId).orElseThrow(() -> notFound(appId));
    }

    List<AppCredential> list() {
        return repository.findAll();
    }

    /** A new secret; the old one keeps verifying for the configured grace period. */
    AppCredential rotateSecret(String appId) {
        AppCredential current = get(appId);
        Instant now = now();
        AppCredential rotated = new AppCredential(appId, current.platform(), newSecret(), current.secret(),
                now.plus(properties.rotationGrace()), current.enabled(), current.createdAt(), now);
        repository.update(rotated);
        registry.put(rotated);
        log.info("rotated the secret of app {}; the previous one is valid until {}", appId,
                rotated.previousSecretExpiresAt());
        return rotated;
    }

    AppCredential setEnabled(String appId, boolean enabled) {
        AppCredential current = get(appId);
        AppCredential changed = new AppCredential(appId, current.platform(), current.secret(), current.previousSecret(),
                current.previousSecretExpiresAt(), enabled, current.createdAt(), now());
        repository.update(changed);
        registry.put(changed);
        log.info("app {} {}", appId, enabled ? "enabled" : "disabled");
        return changed;
    }

    private Instant now() {
        // the table stores milliseconds: keep what we return equal to what we read back later
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static RequestRejected notFound(String appId) {
        return new RequestRejected(404, "unknown_app", "Not Found", "no app with id " + appId);
    }

    /** 256 random bits, base64url without padding (43 characters). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
