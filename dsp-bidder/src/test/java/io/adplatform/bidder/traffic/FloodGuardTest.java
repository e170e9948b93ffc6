package io.adplatform.bidder.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most N requests per device and second, in bounded memory, exact for one device even under concurrency. */
class FloodGuardTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final String UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36";

    @Test
    void allowsNPerSecondThenRefusesUntilTheNextSecond() {
        FloodGuard guard = new FloodGuard(5, 10);
        long device = FloodGuard.deviceKey("6D92078A-8246-4BA4-AE5B-76104861E7DC", "192.0.2.1", UA);

        for (int i = 0; i < 5; i++) {
            assertThat(guard.tryAcquire(device, T0 + i * 100)).as("request %d", i).isTrue();
        }
        assertThat(guard.tryAcquire(device, T0 + 600)).isFalse();
        assertThat(guard.tryAcquire(device, T0 + 999)).isFalse();
        assertThat(guard.tryAcquire(device, T0 + 1000)).as("next second").isTrue();
    }

    @Test
    void devicesAreCountedApart() {
        FloodGuard guard = new FloodGuard(2, 10);
        long a = FloodGuard.deviceKey("6D92078A-8246-4BA4-AE5B-76104861E7DC", "192.0.2.1", UA);
        long b = FloodGuard.deviceKey("0b1c6d1e-7c32-4d5e-9f1a-2b3c4d5e6f70", "192.0.2.1", UA);

        assertThat(guard.tryAcquire(a, T0)).isTrue();
        assertThat(guard.tryAcquire(a, T0)).isTrue();
        assertThat(guard.tryAcquire(a, T0)).isFalse();
        assertThat(guard.tryAcquire(b, T0)).isTrue();
        assertThat(guard.tryAcquire(b, T0)).isTrue();
        assertThat(guard.tryAcquire(b, T0)).isFalse();
    }

    @Test
    void withoutAnAdvertisingIdTheDeviceIsItsIpAndUserAgent() {
        String zeroed = "00000000-0000-0000-0000-000000000000";

        assertThat(FloodGuard.deviceKey(zeroed, "192.0.2.1", UA)).isEqualTo(FloodGuard.deviceKey(null, "192.0.2.1", UA))
                .isEqualTo(FloodGuard.deviceKey("", "192.0.2.1", UA))
                .isNotEqualTo(FloodGuard.deviceKey(zeroed, "192.0.2.2", UA))
                .isNotEqualTo(FloodGuard.deviceKey(zeroed, "192.0.2.1", UA + " Mobile"));
        assertThat(FloodGuard.deviceKey("6D92078A-8246-4BA4-AE5B-76104861E7DC", "192.0.2.1", UA))
                .isEqualTo(FloodGuard.deviceKey("6D92078A-8246-4BA4-AE5B-76104861E7DC", "198.51.100.1", "other"));
    }

    @Test
    void zeroDisablesTheGuard() {
        FloodGuard off = new FloodGuard(0, 16);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.tryAcquire(42L, T0)).isTrue();
        }
        assertThatThrownBy(() -> new FloodGuard(-1, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloodGuard(20, 30)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFloodIsCaughtAmongManyMoreDevicesThanSlots() {
        FloodGuard guard = new FloodGuard(20, 12); // 4,096 slots
        long flooder = FloodGuard.deviceKey(null, "203.0.113.66", UA);
        SplittableRandom random = new SplittableRandom(7);
        int refused = 0;
        int othersRefused = 0;
        for (int i = 0; i < 200_000; i++) {
            if (!guard.tryAcquire(random.nextLong(), T0 + i / 400)) { // 200,000 devices within the same second
                othersRefused++;
            }
            if (i % 1000 == 0 && !guard.tryAcquire(flooder, T0 + i / 400)) {
                refused++;
            }
        }
        // 200 flooder requests, 20 allowed; eviction by the many one-off devices may let a few more through
        assertThat(refused).isGreaterThanOrEqualTo(150);
        assertThat(othersRefused).isZero();
    }

    @Test
    void concurrentRequestsOfOneDeviceAreCountedExactly() throws Exception {
        FloodGuard guard = new FloodGuard(1000, 16);
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        if (guard.tryAcquire(99L, T0 + 500)) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).isEqualTo(1000);
    }
}
