package io.adplatform.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(cache.permissions(1, "a", () -> load(5))).isEqualTo(5);
        assertThat(cache.permissions(1, "a", () -> load(99))).isEqualTo(5);
        assertThat(cache.permissions(1, "b", OptionalLong::empty)).isEqualTo(AccessCache.NONE);
        assertThat(cache.permissions(1, "b", () -> load(7))).isEqualTo(AccessCache.NONE);
        assertThat(loads).hasValue(1);
    }

    @Test
    void anEvictedUserIsReadAgainAndOthersAreNot() {
        cache.permissions(1, "a", () -> load(5));
        cache.permissions(2, "a", () -> load(6));
        cache.evict(1);
        assertThat(cache.permissions(1, "a", () -> load(0))).isZero();
        assertThat(cache.permissions(2, "a", () -> load(0))).isEqualTo(6);
    }

    @Test
    void aLoadThatStartedBeforeAnEvictionIsNotKept() {
        // The row is read (old value), a change commits and evicts, then the read returns: the old value must not stay.
        long seen = cache.permissions(1, "a", () -> {
            cache.evict(1);
            return load(5);
        });
        assertThat(seen).isEqualTo(5);
        assertThat(cache.permissions(1, "a", () -> load(0))).isZero();

        cache.permissions(2, "a", () -> {
            cache.evictAll();
            return load(5);
        });
        assertThat(cache.permissions(2, "a", () -> load(1))).isEqualTo(1);
    }

    @Test
    void aCopyOlderThanItsTimeToLiveIsReadAgain() {
        cache.permissions(1, "a", () -> load(5));
        now.addAndGet(10_000);
        assertThat(cache.permissions(1, "a", () -> load(6))).isEqualTo(5);
        now.addAndGet(1);
        assertThat(cache.permissions(1, "a", () -> load(6))).isEqualTo(6);
    }

    @Test
    void evictAllForgetsEveryone() {
        cache.permissions(1, "a", () -> load(5));
        cache.permissions(2, "a", () -> load(5));
        cache.evictAll();
        assertThat(cache.size()).isZero();
        assertThat(cache.permissions(2, "a", () -> load(8))).isEqualTo(8);
    }

    private OptionalLong load(long mask) {
        loads.incrementAndGet();
        return OptionalLong.of(mask);
    }
}
