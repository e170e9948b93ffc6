package io.adplatform.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that gets a whole, freshly started platform of its own, stopped and cleaned up after its tests. */
abstract class PlatformTest {

    static RunningPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = new RunningPlatform().start();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}
