package io.adplatform.admin.access;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This instance's copy of {@code product_access} rows it has read, per user, so the request path does not wait for the
 * database on every check. Free of Spring; time comes from a nanosecond source.
 *
 * <p>Never serves a row older than a change it has been told about: every change evicts the user (here right after
 * the commit, on other instances through {@link AccessChanges}), and a load that started before an eviction is not
 * stored (each user's entry carries a generation that an eviction bumps). A user's entry also expires after
 * {@code ttlNanos}, the bound on staleness should an eviction message from another instance be lost.
 */
final class AccessCache {

    /** No row: the user may not see the product. */
    static final long NONE = -1;

    private final Map<Long, UserEntry> users = new ConcurrentHashMap<>();
    private final Map<Long, Long> generations = new ConcurrentHashMap<>();
    /** Bumped by {@link #evictAll()}: a load that started before it is not stored either. */
    private final AtomicLong epoch = new AtomicLong();
    private final long ttlNanos;
    private final int maxUsers;
    private final int maxProductsPerUser;
    private final LongSupplier nanos;

    AccessCache(long ttlNanos, int maxUsers, int maxProductsPerUser, LongSupplier nanos) {
        this.ttlNanos = ttlNanos;
        this.maxUsers = maxUsers;
        this.maxProductsPerUser = maxProductsPerUser;
        this.nanos = nanos;
    }

    /** {@code complete}: {@code masks} holds every row of the user, so a product not in it has none. */
    private record UserEntry(long generation, long epoch, long loadedAt, Map<String, Long> masks, boolean complete) {
    }

    /**
     * The user's permission bits on the product ({@link #NONE}: no row), from the copy or, for a user not in it, all
     * the user's rows through {@code loadUser} (one indexed range read; empty when the user has more rows than are
     * kept per user, then the one row through {@code load}).
     */
    long permissions(long userId, String appId, Supplier<Optional<Map<String, Long>>> loadUser,
                     Supplier<OptionalLong> load) {
        long now = nanos.getAsLong();
        long era = epoch.get();
        long generation = generations.getOrDefault(userId, 0L);
        UserEntry entry = users.get(userId);
        if (entry != null && (entry.generation() != generation || entry.epoch() != era
                || now - entry.loadedAt() > ttlNanos)) {
            users.remove(userId, entry);
            entry = null;
        }
        if (entry != null) {
            Long mask = entry.masks().get(appId);
            if (mask != null) {
                return mask;
            }
            if (entry.complete()) {
                return NONE;
            }
        } else {
            Optional<Map<String, Long>> rows = loadUser.get();
            if (rows.isPresent()) {
                if (unchanged(userId, generation, era)) {
                    UserEntry loaded = new UserEntry(generation, era, now, new ConcurrentHashMap<>(rows.get()), true);
                    if (users.size() >= maxUsers) {
                        users.clear();
                    }
                    users.put(userId, loaded);
                    if (!unchanged(userId, generation, era)) {
                        users.remove(userId, loaded);
                    }
                }
                return rows.get().getOrDefault(appId, NONE);
            }
        }
        OptionalLong row = load.get();
        long mask = row.isPresent() ? row.getAsLong() : NONE;
        // Stored only if no change to the user was announced while the row was being read.
        if (unchanged(userId, generation, era)) {
            if (entry == null) {
                if (users.size() >= maxUsers) {
                    users.clear();
                }
                entry = users.computeIfAbsent(userId,
                        u -> new UserEntry(generation, era, now, new ConcurrentHashMap<>(), false));
            }
            if (entry.generation() == generation && entry.epoch() == era && !entry.complete()
                    && entry.masks().size() < maxProductsPerUser) {
                entry.masks().put(appId, mask);
                // An eviction between the check above and the put: take the entry out again.
                if (!unchanged(userId, generation, era)) {
                    users.remove(userId, entry);
                }
            }
        }
        return mask;
    }

    /** The user's rows changed: forget them, and any load of them in flight. */
    void evict(long userId) {
        generations.merge(userId, 1L, Long::sum);
        users.remove(userId);
    }

    /** Forget everything (a change to many users, or a lost connection to the other instances). */
    void evictAll() {
        epoch.incrementAndGet();
        users.clear();
    }

    private boolean unchanged(long userId, long generation, long era) {
        return generations.getOrDefault(userId, 0L) == generation && epoch.get() == era;
    }

    int maxProductsPerUser() {
        return maxProductsPerUser;
    }

    int size() {
        return users.size();
    }
}
