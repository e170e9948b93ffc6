package io.adplatform.ingestion.apps;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory copy of the app table that the request path reads, so verifying a request never waits for the
 * database. Replaced wholesale on every refresh (apps number in the thousands, not millions).
 */
public final class AppRegistry {

    private final Clock clock;
    private volatile Map<String, AppCredential> apps = Map.of();
    private volatile Instant refreshedAt = Instant.EPOCH;

    public AppRegistry(Clock clock) {
        this.clock = clock;
    }

    public Optional<AppCredential> find(String appId) {
        return Optional.ofNullable(apps.get(appId));
    }

    public void replaceAll(Collection<AppCredential> all) {
        Map<String, AppCredential> next = new HashMap<>(all.size() * 2);
        all.forEach(app -> next.put(app.appId(), app));
        apps = Map.copyOf(next);
        refreshedAt = clock.instant();
    }

    /** An admin change is visible on this instance at once; others see it at their next refresh. */
    public synchronized void put(AppCredential app) {
        Map<String, AppCredential> next = new HashMap<>(apps);
        next.put(app.appId(), app);
        apps = Map.copyOf(next);
    }

    public int size() {
        return apps.size();
    }

    public Instant refreshedAt() {
        return refreshedAt;
    }
}
