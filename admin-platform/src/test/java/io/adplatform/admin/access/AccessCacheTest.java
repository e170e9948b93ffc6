package io.adplatform.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccessCacheTest {

    final AtomicLong now = new AtomicLong(1_000);
    final AccessCache cache = new AccessCache(10_000, 100, 100, now::get);
    final AtomicInteger loads = new AtomicInteger();

    @Test
    void aRowIsReadOnceThenServedFromTheCopyNoRowIncluded() {
        assertThat(cache.permissions(1, "a", Optional::empty, () -> load(5))).isEqualTo(5);
        assertThat(cache.permissions(1, "a", Optional::empty, () -> load(99))).isEqualTo(5);
        assertThat(cache.permissions(1, "b", Optional::empty, OptionalLong::empty)).isEqualTo(AccessCache.NONE);
        assertThat(cache.permissions(1, "b", Optional::empty, () -> load(7))).isEqualTo(AccessCache.NONE);
        assertThat(loads).hasValue(1);
    }

    @Test
    void anEvictedUserIsReadAgainAndOthersAreNot() {
        cache.permissions(1, "a", Optional::empty, () -> load(5));
        cache.permissions(2, "a", Optional::empty, () -> load(6));
        cache.evict(1);
        assertThat(cache.permissions(1, "a", Optional::empty, () -> load(0))).isZero();
        assertThat(cache.permissions(2, "a", Optional::empty, () -> load(0))).isEqualTo(6);
    }

    @Test
    void aLoadThatStartedBeforeAnEvictionIsNotKept() {
        // The row is read (old value), a change commits and evicts, then the read returns: the old value must not stay.
        long seen = cache.permissions(1, "a", Optional::empty, () -> {
            cache.evict(1);
            return load(5);
        });
        assertThat(seen).isEqualTo(5);
        assertThat(cache.permissions(1, "a", Optional::empty, () -> load(0))).isZero();

        cache.permissions(2, "a", Optional::empty, () -> {
            cache.evictAll();
            return load(5);
        });
        assertThat(cache.permissions(2, "a", Optional::empty, () -> load(1))).isEqualTo(1);
    }

    @Test
    void aCopyOlderThanItsTimeToLiveIsReadAgain() {
        cache.permissions(1, "a", Optional::empty, () -> load(5));
        now.addAndGet(10_000);
        assertThat(cache.permissions(1, "a", Optional::empty, () -> load(6))).isEqualTo(5);
        now.addAndGet(1);
        assertThat(cache.permissions(1, "a", Optional::empty, () -> load(6))).isEqualTo(6);
    }

    @Test
    void evictAllForgetsEveryone() {
        cache.permissions(1, "a", Optional::empty, () -> load(5));
        cache.permissions(2, "a", Optional::empty, () -> load(5));
        cache.evictAll();
        assertThat(cache.size()).isZero();
        assertThat(cache.permissions(2, "a", Optional::empty, () -> load(8))).isEqualTo(8);
    }

    @Test
    void aUsersRowsAreReadInOneGoAndAProductNotAmongThemHasNone() {
        AtomicInteger userLoads = new AtomicInteger();
        java.util.function.Supplier<Optional<Map<String, Long>>> rows = () -> {
            userLoads.incrementAndGet();
            return Optional.of(Map.of("a", 5L, "b", 6L));
        };
        assertThat(cache.permissions(1, "a", rows, () -> load(99))).isEqualTo(5);
        assertThat(cache.permissions(1, "b", rows, () -> load(99))).isEqualTo(6);
        assertThat(cache.permissions(1, "c", rows, () -> load(99))).isEqualTo(AccessCache.NONE);
        assertThat(userLoads).hasValue(1);
        assertThat(loads).hasValue(0);
        cache.evict(1);
        assertThat(cache.permissions(1, "c", () -> Optional.of(Map.of("c", 7L)), () -> load(99))).isEqualTo(7);
        // A read of all rows that raced an eviction is not kept either.
        cache.permissions(2, "a", () -> {
            cache.evict(2);
            return Optional.of(Map.of("a", 5L));
        }, () -> load(99));
        assertThat(cache.permissions(2, "a", () -> Optional.of(Map.<String, Long>of()), () -> load(99)))
                .isEqualTo(AccessCache.NONE);
    }

    private OptionalLong load(long mask) {
        loads.incrementAndGet();
        return OptionalLong.of(mask);
    }
}
